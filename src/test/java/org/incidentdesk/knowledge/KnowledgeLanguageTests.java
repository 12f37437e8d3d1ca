package org.incidentdesk.knowledge;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.incidentdesk.BothDatabases;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.cmdb.Cmdb;
import org.incidentdesk.portal.PortalWorld;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Knowledge search through {@code GET /api/v1/knowledge/search} as readers of either
 * language meet it: synonyms of their words, their own language first, and a snippet with
 * the matches marked. Each test has an organisation of its own, so the articles of other
 * tests only ever come after or between, never instead of, its own.
 */
@IncidentDeskTest
@BothDatabases
class KnowledgeLanguageTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	ObjectMapper json;

	@Autowired
	IdentityService identity;

	@Autowired
	Cmdb cmdb;

	@Autowired
	KnowledgeBase knowledge;

	String tenant;

	String caller;

	@BeforeEach
	void organisation() {
		PortalWorld world = new PortalWorld(this.identity, this.cmdb, this.knowledge);
		this.tenant = world.tenant();
		this.caller = world.caller(this.tenant);
	}

	@Test
	void anIndonesianWordFindsItsSynonymWithTheMatchMarked() throws Exception {
		// Given an Indonesian article that says "email", never "surel"
		KnowledgeArticle email = article("id", "Email kantor tidak masuk",
				"Email baru tidak masuk ke kotak masuk sejak pagi.", "Periksa kuota kotak surat.");

		// When a reader searches for "surel", the Indonesian word for e-mail
		List<JsonNode> found = search("surel", "id", null);

		// Then the article is found, its snippet marking the word its text uses
		JsonNode hit = only(found, email);
		assertThat(hit.get("language").asText()).isEqualTo("id");
		assertThat(hit.get("snippet").asText()).contains("<mark>Email</mark> baru tidak masuk");
	}

	@Test
	void anEnglishWordFindsItsSynonymsToo() throws Exception {
		KnowledgeArticle mail = article("en", "Outgoing messages stay in the outbox",
				"Mail you send stays in the outbox and never arrives.", "Remove the large attachment and send again.");

		List<JsonNode> found = search("e-mail outbox", "en", null);

		assertThat(only(found, mail).get("snippet").asText()).contains("<mark>Mail</mark>");
	}

	@Test
	void theReadersLanguageComesFirst() throws Exception {
		// Given a better English match and a weaker Indonesian one
		String word = PortalWorld.unique("zorblax").replace("-", "");
		KnowledgeArticle english = article("en", "The " + word + " scanner is jammed",
				"The " + word + " scanner reports a jammed scanner feed.", "Open the " + word + " scanner lid.");
		KnowledgeArticle indonesian = article("id", "Pemindai " + word + " macet", "Pemindai tidak jalan.",
				"Buka tutup pemindai.");
		String query = word + " scanner";

		// When readers of either language search, and one without a language
		List<String> none = numbers(search(query, null, null), english, indonesian);
		List<String> inIndonesian = numbers(search(query, "id", null), english, indonesian);
		List<String> byHeader = numbers(search(query, null, "id-ID,id;q=0.9,en;q=0.5"), english, indonesian);
		List<String> inEnglish = numbers(search(query, "en", "id"), english, indonesian);

		// Then the best match leads without one, the reader's language with one
		assertThat(none).containsExactly(english.number(), indonesian.number());
		assertThat(inIndonesian).containsExactly(indonesian.number(), english.number());
		assertThat(byHeader).containsExactly(indonesian.number(), english.number());
		// lang wins over the header
		assertThat(inEnglish).containsExactly(english.number(), indonesian.number());
	}

	@Test
	void everyResultInTheReadersLanguageComesBeforeAnyOther() throws Exception {
		article("en", "Email does not arrive", "New email does not arrive.", "Check the mail rules.");
		article("id", "Email tidak masuk", "Email baru tidak masuk.", "Periksa aturan email.");

		List<String> languages = new ArrayList<>();
		search("email", "id", null).forEach(hit -> languages.add(hit.get("language").asText()));

		assertThat(languages).contains("id", "en");
		assertThat(languages.subList(languages.indexOf("en"), languages.size())).containsOnly("en");
	}

	@Test
	void aSnippetIsEscapedTextWithOnlyTheMarksAsMarkup() throws Exception {
		KnowledgeArticle article = article("en", "Browser shows script errors",
				"The page shows <script>alert(1)</script> & a browser warning.", "Clear the browser cache.");

		String snippet = only(search("browser warning", "en", null), article).get("snippet").asText();

		assertThat(snippet).contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt; &amp; a <mark>browser</mark>")
			.doesNotContain("<script>");
	}

	@Test
	void anUnknownLanguageIsRefused() {
		ResponseEntity<String> response = this.http.withBasicAuth(this.caller, PortalWorld.password(this.caller))
			.getForEntity("/api/v1/knowledge/search?q=printer&lang=fr", String.class);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getBody()).contains("en or id");
	}

	private KnowledgeArticle article(String language, String title, String symptoms, String resolution) {
		return this.knowledge.create(new NewArticle(this.tenant, ArticleKind.ARTICLE, title, symptoms, resolution,
				List.of(), language, ArticleVisibility.PUBLIC, ArticleState.PUBLISHED, null, null), "tests");
	}

	private List<JsonNode> search(String query, String lang, String acceptLanguage) throws Exception {
		HttpHeaders headers = new HttpHeaders();
		if (acceptLanguage != null) {
			headers.set(HttpHeaders.ACCEPT_LANGUAGE, acceptLanguage);
		}
		String url = "/api/v1/knowledge/search?limit=50&q={q}" + ((lang != null) ? "&lang=" + lang : "");
		ResponseEntity<String> response = this.http.withBasicAuth(this.caller, PortalWorld.password(this.caller))
			.exchange(url, HttpMethod.GET, new HttpEntity<>(headers), String.class, query);
		assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
		List<JsonNode> hits = new ArrayList<>();
		this.json.readTree(response.getBody()).forEach(hits::add);
		return hits;
	}

	private static JsonNode only(List<JsonNode> hits, KnowledgeArticle article) {
		List<JsonNode> matching = hits.stream()
			.filter(hit -> hit.get("articleNumber").asText().equals(article.number()))
			.toList();
		assertThat(matching).as(hits.toString()).hasSize(1);
		return matching.get(0);
	}

	/** The numbers of the given articles among the hits, in the hits' order. */
	private static List<String> numbers(List<JsonNode> hits, KnowledgeArticle... articles) {
		List<String> wanted = java.util.Arrays.stream(articles).map(KnowledgeArticle::number).toList();
		return hits.stream().map(hit -> hit.get("articleNumber").asText()).filter(wanted::contains).toList();
	}

}

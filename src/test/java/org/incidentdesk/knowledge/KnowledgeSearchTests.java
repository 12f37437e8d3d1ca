package org.incidentdesk.knowledge;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Search quality on a small realistic corpus in English and Bahasa Indonesia
 * ({@code knowledge/corpus.json}), and who gets to see what.
 */
@KnowledgeDatabaseTest
class KnowledgeSearchTests {

	@Autowired
	KnowledgeBase knowledge;

	@Autowired
	TestCorpus corpus;

	Map<String, KnowledgeArticle> articles;

	@BeforeEach
	void loadCorpus() {
		this.corpus.clear();
		this.articles = this.corpus.load();
	}

	@ParameterizedTest(name = "\"{0}\" finds {1} first")
	@CsvSource(delimiter = '|', textBlock = """
			printers jammed                              | printer-en
			the printer is jamming paper                 | printer-en
			cannot connect to VPN from home              | vpn-en
			I forgot my password                         | password-en
			account locked after failed sign-ins         | password-en
			Outlook is not syncing emails                | outlook-en
			blue screen after restarting                 | bsod-en
			laptop won't start, black screen             | bsod-en
			wifi keeps disconnecting                     | wifi-en
			connecting to the VPN                        | vpn-en
			locked out of my account                     | password-en
			syncing my mailbox                           | outlook-en
			colleagues can't hear my microphone in Teams | teams-en
			authenticator app on my new phone            | mfa-en
			disk almost full                             | disk-en
			""")
	void findsTheBestEnglishArticleFirst(String query, String expected) {
		// Given the corpus

		// When a caller of a tenant searches in English
		List<KnowledgeSuggestion> suggestions = this.knowledge.suggest("acme", query, Audience.CALLER, 5);

		// Then the expected article comes first
		assertThat(suggestions).isNotEmpty();
		assertThat(suggestions.get(0).articleNumber()).as(describe(suggestions))
			.isEqualTo(this.articles.get(expected).number());
	}

	@ParameterizedTest(name = "\"{0}\" finds {1} first")
	@CsvSource(delimiter = '|', textBlock = """
			pencetak kertasnya macet                | printer-id
			pencetakan kertasnya                    | printer-id
			kertas tersangkut di printer            | printer-id
			menyambungkan VPN                       | vpn-id
			gagal menyambungkan VPN dari rumah      | vpn-id
			tidak bisa masuk VPN                    | vpn-id
			lupa sandi                              | password-id
			kata sandinya terkunci                  | password-id
			laptop saya tidak mau menyala           | laptop-id
			laptopnya tidak menyala                 | laptop-id
			internet sangat lambat                  | internet-id
			kelambatan internetnya                  | internet-id
			unduhan lambat sekali                   | internet-id
			email baru tidak masuk di Outlook       | outlook-id
			wifi sering terputus                    | wifi-id
			""")
	void findsTheBestIndonesianArticleFirst(String query, String expected) {
		// Given the corpus

		// When a caller of a tenant searches in Bahasa Indonesia
		List<KnowledgeSuggestion> suggestions = this.knowledge.suggest("acme", query, Audience.CALLER, 5);

		// Then the expected article comes first
		assertThat(suggestions).isNotEmpty();
		assertThat(suggestions.get(0).articleNumber()).as(describe(suggestions))
			.isEqualTo(this.articles.get(expected).number());
	}

	@Test
	void suggestsArticlesBestFirstWithTheirKindAndAtMostTheLimit() {
		// Given the corpus

		// When
		List<KnowledgeSuggestion> suggestions = this.knowledge.suggest("acme", "printer paper jam", Audience.CALLER, 2);

		// Then
		assertThat(suggestions).hasSize(2);
		assertThat(suggestions.get(0).score()).isGreaterThanOrEqualTo(suggestions.get(1).score());
		KnowledgeArticle printer = this.articles.get("printer-en");
		assertThat(suggestions.get(0)).isEqualTo(new KnowledgeSuggestion(printer.id(), printer.number(),
				"Printer paper jam", "ARTICLE", suggestions.get(0).score(), "en", suggestions.get(0).snippet()));
	}

	@Test
	void neverShowsAnotherTenantsArticle() {
		// Given an article of tenant globex that matches the query better than any other
		String query = "VPN cannot connect from home, the VPN client keeps connecting";
		assertThat(numbers(this.knowledge.suggest("globex", query, Audience.STAFF, 20)).get(0))
			.isEqualTo(this.articles.get("vpn-globex").number());

		// When a user of tenant acme searches for it, as staff and as a caller
		List<KnowledgeSuggestion> staff = this.knowledge.suggest("acme", query, Audience.STAFF, 20);
		List<KnowledgeSuggestion> caller = this.knowledge.suggest("acme", query, Audience.CALLER, 20);
		List<KnowledgeArticle> listed = this.knowledge.search("acme", query, Audience.STAFF, 20);

		// Then globex's article is not among the results, acme's provider-wide one leads
		String globex = this.articles.get("vpn-globex").number();
		assertThat(numbers(staff)).isNotEmpty().doesNotContain(globex);
		assertThat(numbers(caller)).isNotEmpty().doesNotContain(globex);
		assertThat(listed).extracting(KnowledgeArticle::number).isNotEmpty().doesNotContain(globex);
		assertThat(numbers(staff).get(0)).isEqualTo(this.articles.get("vpn-en").number());
	}

	@Test
	void showsATenantsOwnArticlesOnlyToThatTenant() {
		// Given an article of tenant acme
		String badge = this.articles.get("badge-printer-acme").number();

		// When
		List<String> acme = numbers(this.knowledge.suggest("acme", "badge printer error E-04", Audience.CALLER, 5));
		List<String> globex = numbers(this.knowledge.suggest("globex", "badge printer error E-04", Audience.CALLER, 5));
		List<String> provider = numbers(this.knowledge.suggest(null, "badge printer error E-04", Audience.STAFF, 5));

		// Then
		assertThat(acme).first().isEqualTo(badge);
		assertThat(globex).doesNotContain(badge);
		assertThat(provider).doesNotContain(badge);
		assertThat(this.knowledge.find("globex", badge, Audience.STAFF)).isEmpty();
	}

	@Test
	void showsProviderWideArticlesToEveryTenant() {
		// Given a provider-wide article
		String printer = this.articles.get("printer-en").number();

		// When / Then
		for (String tenant : new String[] { "acme", "globex", "initech", null }) {
			assertThat(numbers(this.knowledge.suggest(tenant, "printer paper jam", Audience.CALLER, 3)))
				.as("tenant %s", tenant)
				.first()
				.isEqualTo(printer);
		}
	}

	@Test
	void showsInternalArticlesToStaffButNotToCallers() {
		// Given an internal known error
		KnowledgeArticle knownError = this.articles.get("vpn-known-error");
		String query = "GlobalProtect crashes after the Windows update";

		// When
		List<KnowledgeSuggestion> staff = this.knowledge.suggest("acme", query, Audience.STAFF, 10);
		List<KnowledgeSuggestion> caller = this.knowledge.suggest("acme", query, Audience.CALLER, 10);

		// Then
		assertThat(staff).first()
			.satisfies((first) -> assertThat(first.articleNumber()).isEqualTo(knownError.number()))
			.satisfies((first) -> assertThat(first.kind()).isEqualTo("KNOWN_ERROR"));
		assertThat(numbers(caller)).isNotEmpty().doesNotContain(knownError.number());
		assertThat(this.knowledge.search("acme", query, Audience.CALLER, 10)).extracting(KnowledgeArticle::number)
			.doesNotContain(knownError.number());
		assertThat(this.knowledge.find("acme", knownError.number(), Audience.CALLER)).isEmpty();
		assertThat(this.knowledge.find("acme", knownError.number(), Audience.STAFF)).isPresent();
	}

	@Test
	void neverShowsDrafts() {
		// Given a draft that matches the query best
		String draft = this.articles.get("printer-draft").number();
		String query = "paper jam in tray 3 of the plotter";

		// When
		List<KnowledgeSuggestion> staff = this.knowledge.suggest("acme", query, Audience.STAFF, 20);

		// Then
		assertThat(numbers(staff)).isNotEmpty().doesNotContain(draft);
		assertThat(this.knowledge.search(null, query, Audience.STAFF, 20)).extracting(KnowledgeArticle::number)
			.doesNotContain(draft);
		assertThat(this.knowledge.find(null, draft, Audience.STAFF)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "foo:(", "AND OR NOT", "\"unbalanced", "*", "?", "\\", "title_en:vpn", "[a TO", "printer^",
			"~", "&& ||", "!", "{}", "/regex/", "   " })
	void acceptsAnyTextWithoutFailing(String text) {
		// Given the corpus

		// When / Then
		assertThat(this.knowledge.suggest("acme", text, Audience.CALLER, 5)).isNotNull();
		assertThat(this.knowledge.search("acme", text, Audience.CALLER, 5)).isNotNull();
	}

	@Test
	void takesQuerySyntaxLiterally() {
		// Given the corpus

		// When a user types what would be query syntax
		List<KnowledgeSuggestion> suggestions = this.knowledge.suggest("acme", "printer: paper (jam) AND",
				Audience.CALLER, 3);

		// Then it is searched for as words
		assertThat(numbers(suggestions)).first().isEqualTo(this.articles.get("printer-en").number());
	}

	@Test
	void searchesALongIncidentDescription() {
		// Given a description far longer than a search box entry, with paths that split
		// into many words
		String description = ("My laptop shows a blue screen every morning. C:\\Windows\\System32\\drivers\\"
				+ "netfilter.sys/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p https://portal.example.com/a-b-c-d-e-f-g-h-i-j-k ")
			.repeat(40) + String.join(" ", java.util.Collections.nCopies(400, "word"));

		// When
		List<KnowledgeSuggestion> suggestions = this.knowledge.suggest("acme", description, Audience.CALLER, 3);

		// Then
		assertThat(numbers(suggestions)).first().isEqualTo(this.articles.get("bsod-en").number());
	}

	@Test
	void listsTheLatestVisibleArticlesWithoutAQuery() {
		// Given the corpus

		// When
		List<KnowledgeArticle> latest = this.knowledge.search("acme", "", Audience.CALLER, 50);

		// Then: public, published, acme's and provider-wide only, newest first
		assertThat(latest).isNotEmpty()
			.allSatisfy((article) -> assertThat(article.isVisibleTo("acme", Audience.CALLER)).isTrue());
		assertThat(latest).extracting(KnowledgeArticle::number)
			.contains(this.articles.get("badge-printer-acme").number())
			.doesNotContain(this.articles.get("vpn-globex").number(), this.articles.get("vpn-known-error").number(),
					this.articles.get("printer-draft").number());
		assertThat(latest).extracting(KnowledgeArticle::updatedAt).isSortedAccordingTo((a, b) -> b.compareTo(a));
	}

	private static List<String> numbers(List<KnowledgeSuggestion> suggestions) {
		return suggestions.stream().map(KnowledgeSuggestion::articleNumber).toList();
	}

	private String describe(List<KnowledgeSuggestion> suggestions) {
		return suggestions.stream().map((s) -> s.title() + " (" + s.score() + ")").toList().toString();
	}

}

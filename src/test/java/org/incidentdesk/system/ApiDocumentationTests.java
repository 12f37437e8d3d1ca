package org.incidentdesk.system;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.incidentdesk.IncidentDeskTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API documentation as a first-time reader meets it: its name and version, the
 * Authorize button (a declared HTTP Basic scheme), the incidents first, list parameters
 * that "Try it out" can send as they stand, and a portal session that opens Swagger UI
 * without a Basic prompt while the API itself keeps asking for Basic.
 */
@IncidentDeskTest
class ApiDocumentationTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	@Autowired
	TestRestTemplate http;

	@Autowired
	ObjectMapper json;

	@Autowired
	BuildProperties build;

	@Test
	void namesTheApiWithTheBuildVersionAndDeclaresHttpBasic() throws IOException {
		JsonNode api = openApi();

		assertThat(api.at("/info/title").asText()).isEqualTo("Incident Desk API");
		assertThat(api.at("/info/version").asText()).isEqualTo(this.build.getVersion()).isNotBlank();
		assertThat(api.at("/components/securitySchemes/basicAuth/type").asText()).isEqualTo("http");
		assertThat(api.at("/components/securitySchemes/basicAuth/scheme").asText()).isEqualTo("basic");
		assertThat(api.at("/security/0/basicAuth").isArray()).isTrue();
		// the webhook signs in with a tenant's token instead
		assertThat(api.at("/paths/~1api~1v1~1alerts/post/security/0/apiToken").isArray()).isTrue();
	}

	@Test
	void listsTheIncidentsFirstAndTheAdministrationLast() throws IOException {
		List<String> tags = new ArrayList<>();
		openApi().get("tags").forEach(tag -> tags.add(tag.get("name").asText()));

		assertThat(tags.get(0)).isEqualTo("Incidents");
		assertThat(tags.indexOf("Administration")).isGreaterThan(tags.indexOf("Knowledge"))
			.isGreaterThan(tags.indexOf("CMDB"));
		assertThat(tags).doesNotHaveDuplicates();
	}

	@Test
	void theIncidentListTakesPlainQueryParametersWithDefaultsThatWork() throws IOException {
		JsonNode parameters = openApi().at("/paths/~1api~1v1~1incidents/get/parameters");
		Map<String, JsonNode> byName = new java.util.LinkedHashMap<>();
		parameters.forEach(parameter -> byName.put(parameter.get("name").asText(), parameter));

		assertThat(byName).containsKeys("state", "priority", "q", "sort", "page", "size", "createdFrom")
			.doesNotContainKey("search");
		byName.values().forEach(parameter -> {
			assertThat(parameter.get("in").asText()).isEqualTo("query");
			assertThat(parameter.at("/schema/type").asText()).as(parameter.toString()).isNotEqualTo("object");
		});
		assertThat(byName.get("state").at("/schema/type").asText()).isEqualTo("array");
		assertThat(byName.get("state").at("/schema/items/enum").toString()).contains("NEW", "IN_PROGRESS");
		assertThat(byName.get("page").at("/schema/default").asInt(-1)).isZero();
		assertThat(byName.get("size").at("/schema/default").asInt()).isEqualTo(20);
		assertThat(byName.get("state").has("example")).isFalse();

		// "Try it out" sends the defaults and nothing else
		UriComponentsBuilder query = UriComponentsBuilder.fromPath("/api/v1/incidents");
		byName.forEach((name, parameter) -> {
			JsonNode value = parameter.at("/schema/default");
			if (!value.isMissingNode()) {
				query.queryParam(name, value.asText());
			}
		});
		String defaults = query.encode().build().toUriString();
		assertThat(defaults).contains("page=0", "size=20", "sort=createdAt,desc");
		ResponseEntity<String> list = this.http.withBasicAuth("alice", "demo")
			.getForEntity(URI.create(this.http.getRootUri() + defaults), String.class);
		assertThat(list.getStatusCode()).as(list.getBody()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void noGetOperationTakesAnObjectAsOneQueryParameter() throws IOException {
		List<String> objects = new ArrayList<>();
		openApi().get("paths").properties().forEach(path -> {
			JsonNode get = path.getValue().get("get");
			if (get != null && get.has("parameters")) {
				get.get("parameters").forEach(parameter -> {
					if ("query".equals(parameter.get("in").asText())
							&& ("object".equals(parameter.at("/schema/type").asText())
									|| parameter.at("/schema/$ref").isTextual())) {
						objects.add(path.getKey() + " " + parameter.get("name").asText());
					}
				});
			}
		});

		assertThat(objects).isEmpty();
	}

	@Test
	void aPortalSessionOpensSwaggerUiWithoutABasicPrompt() throws Exception {
		// Given staff signed in to the portal (a session, no Basic credentials)
		Session session = signedIn("sam", "demo");

		// When they follow the portal's link to the documentation
		HttpResponse<String> docs = session.get("/api/v1/docs", "text/html");
		String page = docs.headers().firstValue("Location").orElse("/api/v1/docs");
		HttpResponse<String> ui = session.get(page, "text/html");
		HttpResponse<String> config = session.get("/api/v1/openapi/swagger-config", "application/json");
		HttpResponse<String> openApi = session.get("/api/v1/openapi", "application/json");

		// Then Swagger UI and the document open; nothing asks for Basic credentials
		assertThat(docs.statusCode()).as(describe(docs)).isIn(200, 302);
		assertThat(ui.statusCode()).as(describe(ui)).isEqualTo(200);
		assertThat(ui.body()).containsIgnoringCase("swagger-ui");
		assertThat(config.statusCode()).as(describe(config)).isEqualTo(200);
		assertThat(config.body()).contains("/api/v1/openapi");
		assertThat(openApi.statusCode()).as(describe(openApi)).isEqualTo(200);
		assertThat(this.json.readTree(openApi.body()).at("/info/title").asText()).isEqualTo("Incident Desk API");
		for (HttpResponse<String> response : List.of(docs, ui, config, openApi)) {
			assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
		}

		// and the API itself still wants HTTP Basic, not the session
		HttpResponse<String> api = session.get("/api/v1/incidents", "application/json");
		assertThat(api.statusCode()).isEqualTo(401);
		assertThat(api.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying(v -> assertThat(v).contains("Basic"));
	}

	@Test
	void aBrowserWithoutASessionGoesToTheSignInPageAndAClientGetsTheBasicChallenge() throws Exception {
		Session nobody = new Session();

		HttpResponse<String> page = nobody.get("/api/v1/swagger-ui/index.html", "text/html,application/xhtml+xml");
		HttpResponse<String> document = nobody.get("/api/v1/openapi", "application/json");

		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue("Location")).hasValueSatisfying(v -> assertThat(v).endsWith("/login"));
		assertThat(document.statusCode()).isEqualTo(401);
		assertThat(document.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying(v -> assertThat(v).contains("Basic"));
	}

	@Test
	void tryItOutBeforeAuthorizeGetsTheProblemWithoutTheBrowsersSignInDialog() throws Exception {
		// A script's request (Swagger UI's fetch) is marked so by the browser; an address
		// typed in or a client such as curl is not
		HttpClient client = HttpClient.newHttpClient();
		URI incidents = URI.create("http://localhost:" + this.port + "/api/v1/incidents?page=0&size=20");
		HttpResponse<String> fromScript = client.send(HttpRequest.newBuilder(incidents)
			.header("Accept", "application/json")
			.header("Sec-Fetch-Dest", "empty")
			.header("Sec-Fetch-Mode", "cors")
			.header("Sec-Fetch-Site", "same-origin")
			.build(), HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> fromClient = client.send(HttpRequest.newBuilder(incidents).build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(fromScript.statusCode()).isEqualTo(401);
		assertThat(fromScript.headers().firstValue("WWW-Authenticate")).isEmpty();
		assertThat(fromScript.body()).contains("Authorize");
		assertThat(fromClient.statusCode()).isEqualTo(401);
		assertThat(fromClient.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying(v -> assertThat(v).contains("Basic"));
	}

	@Test
	void theDocumentationIsReadOnly() throws Exception {
		Session session = signedIn("sam", "demo");

		HttpResponse<String> post = session.post("/api/v1/openapi", Map.of());

		assertThat(post.statusCode()).isEqualTo(403);
	}

	private static String describe(HttpResponse<String> response) {
		return response.uri() + " " + response.statusCode() + " " + response.headers().map() + " "
				+ response.body().substring(0, Math.min(300, response.body().length()));
	}

	private JsonNode openApi() throws IOException {
		ResponseEntity<String> response = this.http.withBasicAuth("sam", "demo")
			.getForEntity("/api/v1/openapi", String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		return this.json.readTree(response.getBody());
	}

	private Session signedIn(String user, String password) throws Exception {
		Session session = new Session();
		HttpResponse<String> form = session.get("/login", "text/html");
		Matcher token = CSRF.matcher(form.body());
		assertThat(token.find()).isTrue();
		HttpResponse<String> login = session.post("/login",
				Map.of("username", user, "password", password, "_csrf", token.group(1)));
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
		return session;
	}

	/** Cookies and nothing else: what a browser sends after signing in to the portal. */
	private final class Session {

		private final HttpClient client = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();

		HttpResponse<String> get(String path, String accept) throws Exception {
			URI uri = path.startsWith("http") ? URI.create(path)
					: URI.create("http://localhost:" + ApiDocumentationTests.this.port + path);
			return this.client.send(HttpRequest.newBuilder(uri).header("Accept", accept).GET().build(),
					HttpResponse.BodyHandlers.ofString());
		}

		HttpResponse<String> post(String path, Map<String, String> fields) throws Exception {
			String body = String.join("&", fields.entrySet()
				.stream()
				.map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
				.toList());
			return this.client
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + ApiDocumentationTests.this.port + path))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build(), HttpResponse.BodyHandlers.ofString());
		}

	}

}

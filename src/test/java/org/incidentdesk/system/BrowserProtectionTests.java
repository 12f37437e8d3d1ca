package org.incidentdesk.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.incidentdesk.IncidentDeskTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What keeps a browser from being turned against the desk, over real HTTP: a
 * {@code Referrer-Policy} on every answer of every chain, session cookies a browser does
 * not send with another site's requests ({@code SameSite=Lax}), changes refused when the
 * browser says another site's page sent them ({@code Sec-Fetch-Site}, {@code Origin}),
 * and 401s on {@code /api/v1} that are problem details and still ask for HTTP Basic.
 */
@IncidentDeskTest
class BrowserProtectionTests {

	private static final String EVIL = "https://evil.example";

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	@Value("${incident-desk.public-url}")
	String publicUrl;

	@Autowired
	ObjectMapper json;

	private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@Test
	void everyAnswerOfEveryChainCarriesAReferrerPolicy() {
		// Given an incident of alice's and alice signed in to the portal
		String number = report("alice", "Referrer check " + tag());
		HttpClient portal = signedInToThePortal("alice");

		List<Answer> answers = new ArrayList<>();
		// The portal, signed out and in
		answers.add(new Answer("login page", send(this.client, get("/login")), 200));
		answers.add(new Answer("portal, signed out", send(this.client, get("/portal")), 302));
		answers.add(new Answer("portal", send(portal, get("/portal")), 200));
		answers.add(new Answer("portal incident, signed out", send(this.client, get("/portal/incidents/x")), 302));
		answers.add(new Answer("portal incident", send(portal, get("/portal/incidents/" + number)), 200));
		answers.add(new Answer("unknown portal incident", send(portal, get("/portal/incidents/x")), 404));
		// The API: an answer, a 401, a 404 from the API and one from the error page
		answers.add(new Answer("API", send(this.client, get("/api/v1/incidents", "alice")), 200));
		answers.add(new Answer("API, signed out", send(this.client, get("/api/v1/incidents")), 401));
		answers
			.add(new Answer("unknown incident", send(this.client, get("/api/v1/incidents/INC0000000", "alice")), 404));
		answers.add(new Answer("unknown address", send(this.client, get("/no/such/page", "alice")), 404));
		// Camunda's REST API and webapps
		answers.add(new Answer("engine REST", send(this.client, get("/engine-rest/task", "sam")), 200));
		answers.add(new Answer("engine REST, signed out", send(this.client, get("/engine-rest/task")), 401));
		answers.add(new Answer("Tasklist", send(this.client, get("/camunda/app/tasklist/default/")), 200));
		// The alert intake and health
		answers.add(new Answer("alert intake without a token", send(this.client, get("/api/v1/alerts")), 401));
		answers.add(new Answer("health", send(this.client, get("/actuator/health")), 200));

		assertThat(answers).allSatisfy(answer -> {
			assertThat(answer.response().statusCode()).as(answer.what()).isEqualTo(answer.status());
			assertThat(answer.response().headers().allValues("Referrer-Policy")).as(answer.what())
				.containsExactly("same-origin");
		});
	}

	@Test
	void theMailLinksKeepTheirStricterPolicy() {
		HttpResponse<String> link = send(this.client, get("/links/no-such-token"));

		assertThat(link.headers().allValues("Referrer-Policy")).containsExactly("no-referrer");
	}

	@Test
	void thePortalsSessionCookieIsSameSiteLax() {
		// When a caller opens the sign-in page and signs in
		HttpClient portal = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		HttpResponse<String> page = send(portal, get("/login"));
		HttpResponse<String> login = send(portal, signIn(page, "alice"));

		// Then the session cookie, new after the sign-in, is sent only with this site's
		// requests and links to it
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(sessionCookies(login)).isNotEmpty().allSatisfy(BrowserProtectionTests::isSameSiteLax);
		assertThat(sessionCookies(page)).allSatisfy(BrowserProtectionTests::isSameSiteLax);
	}

	@Test
	void theWebappsCookiesAreSameSiteLax() {
		// When somebody opens Tasklist
		HttpResponse<String> start = send(this.client, get("/camunda/app/tasklist/default/"));

		// Then its session and CSRF cookies are SameSite=Lax, once each
		assertThat(sessionCookies(start)).isNotEmpty().allSatisfy(BrowserProtectionTests::isSameSiteLax);
		assertThat(cookies(start, "XSRF-TOKEN")).isNotEmpty().allSatisfy(BrowserProtectionTests::isSameSiteLax);

		// And so is the session cookie after the sign-in
		HttpResponse<String> login = signInToTasklist(start, null);
		assertThat(login.statusCode()).isEqualTo(200);
		assertThat(sessionCookies(login)).allSatisfy(BrowserProtectionTests::isSameSiteLax);
	}

	@Test
	void theWebappsSignInRefusesAFormOfAnotherSite() {
		HttpResponse<String> start = send(this.client, get("/camunda/app/tasklist/default/"));

		HttpResponse<String> forged = signInToTasklist(start, EVIL);
		HttpResponse<String> own = signInToTasklist(send(this.client, get("/camunda/app/tasklist/default/")),
				ownOrigin());

		assertRefusedAsCrossSite(forged);
		assertThat(own.statusCode()).isEqualTo(200);
	}

	@Test
	void aCallersCommentFromAnotherSiteIsRefusedAndNothingIsWritten() throws IOException {
		// Given alice's incident
		String number = report("alice", "Cross-site comment check " + tag());
		String path = "/api/v1/incidents/" + number + "/comments";

		// When pages of other sites make alice's browser post comments
		List<String> refused = new ArrayList<>();
		for (String[] headers : foreignHeaders()) {
			String text = "refused " + tag();
			refused.add(text);
			HttpResponse<String> response = send(this.client, post(path, "alice", comment(text), headers));

			// Then each is refused, saying why
			assertRefusedAsCrossSite(response);
		}

		// And none of them was written
		String timeline = send(this.client, get("/api/v1/incidents/" + number + "/timeline", "alice")).body();
		assertThat(refused).allSatisfy(text -> assertThat(timeline).doesNotContain(text));

		// While from the desk's own pages and from clients outside a browser, comments
		// are taken
		List<String> taken = new ArrayList<>();
		for (String[] headers : ownHeaders()) {
			String text = "taken " + tag();
			taken.add(text);
			assertThat(send(this.client, post(path, "alice", comment(text), headers)).statusCode())
				.as(String.join(" ", headers))
				.isEqualTo(201);
		}
		String after = send(this.client, get("/api/v1/incidents/" + number + "/timeline", "alice")).body();
		assertThat(taken).allSatisfy(text -> assertThat(after).contains(text));
		assertThat(refused).allSatisfy(text -> assertThat(after).doesNotContain(text));
	}

	@Test
	void aServiceDeskClaimFromAnotherSiteIsRefusedAndTheTaskStaysUnclaimed() throws IOException {
		// Given the triage task of a new incident
		String number = report("bob", "Cross-site claim check " + tag());
		JsonNode tasks = this.json
			.readTree(send(this.client, get("/engine-rest/task?processInstanceBusinessKey=" + number, "sam")).body());
		assertThat(tasks).hasSize(1);
		String task = "/engine-rest/task/" + tasks.get(0).get("id").asText();

		// When pages of other sites make sam's browser claim it
		for (String[] headers : foreignHeaders()) {
			HttpResponse<String> response = send(this.client,
					post(task + "/claim", "sam", "{\"userId\":\"sam\"}", headers));

			// Then each is refused, saying why, and the task stays unclaimed
			assertRefusedAsCrossSite(response);
			assertThat(assignee(task)).isNull();
		}

		// While from the desk's own pages and from clients outside a browser, claims
		// are taken
		for (String[] headers : ownHeaders()) {
			assertThat(send(this.client, post(task + "/claim", "sam", "{\"userId\":\"sam\"}", headers)).statusCode())
				.as(String.join(" ", headers))
				.isEqualTo(204);
			assertThat(assignee(task)).isEqualTo("sam");
			assertThat(send(this.client, post(task + "/unclaim", "sam", "{}", headers)).statusCode()).isEqualTo(204);
			assertThat(assignee(task)).isNull();
		}
	}

	@Test
	void aMissingSignInOnTheApiIsAProblemDetailThatAsksForBasic() throws IOException {
		for (HttpResponse<String> response : List.of(send(this.client, get("/api/v1/incidents")),
				send(this.client, get("/api/v1/incidents", "nobody-by-this-name", "wrong")))) {
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
			assertThat(response.headers().firstValue("WWW-Authenticate"))
				.hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Basic realm="));
			JsonNode problem = this.json.readTree(response.body());
			assertThat(problem.get("type").asText()).isNotEmpty();
			assertThat(problem.get("title").asText()).isIn("Not signed in", "Sign-in refused");
			assertThat(problem.get("status").asInt()).isEqualTo(401);
			assertThat(problem.get("detail").asText()).isNotEmpty();
		}
		// (an unknown user: a wrong password would lock a demo user other tests
		// sign in as)
		assertThat(
				this.json.readTree(send(this.client, get("/api/v1/incidents", "nobody-by-this-name", "wrong")).body())
					.get("detail")
					.asText())
			.contains("wrong password");
	}

	@Test
	void aRefusalOnTheApiIsAProblemDetail() throws IOException {
		HttpResponse<String> response = send(this.client,
				post("/api/v1/incidents/INC0000000/comments", "audrey", comment("read-only"), new String[0]));

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(403);
		assertThat(problem.get("detail").asText()).contains("Auditors");
	}

	/**
	 * What a browser sends when a page of another site makes it send a change: the
	 * browser's word (a sibling site counts too), an origin that is not the desk's, both,
	 * or the opaque origin of a sandboxed frame.
	 */
	private static List<String[]> foreignHeaders() {
		return List.of(new String[] { "Origin", EVIL, "Sec-Fetch-Site", "same-site" }, new String[] { "Origin", EVIL },
				new String[] { "Sec-Fetch-Site", "same-site" }, new String[] { "Sec-Fetch-Site", "cross-site" },
				new String[] { "Origin", "null" });
	}

	/**
	 * What the desk's own pages send, under its public address and under the address the
	 * request came to; and an API client outside a browser, which sends neither header.
	 */
	private List<String[]> ownHeaders() {
		return List.of(new String[] { "Origin", this.publicUrl.replaceAll("/+$", "") },
				new String[] { "Origin", ownOrigin(), "Sec-Fetch-Site", "same-origin" }, new String[0]);
	}

	private void assertRefusedAsCrossSite(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("A page of another site may not change anything here");
	}

	private String assignee(String task) throws IOException {
		JsonNode assignee = this.json.readTree(send(this.client, get(task, "sam")).body()).get("assignee");
		return (assignee == null || assignee.isNull()) ? null : assignee.asText();
	}

	private String report(String caller, String summary) {
		HttpResponse<String> response = send(this.client,
				post("/api/v1/incidents", caller,
						"{\"summary\":\"" + summary
								+ "\",\"category\":\"software\",\"impact\":\"LOW\",\"urgency\":\"LOW\"}",
						new String[0]));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		try {
			return this.json.readTree(response.body()).get("number").asText();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private HttpClient signedInToThePortal(String user) {
		HttpClient portal = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		HttpResponse<String> login = send(portal, signIn(send(portal, get("/login")), user));
		assertThat(login.headers().firstValue("Location"))
			.hasValueSatisfying(location -> assertThat(location).doesNotContain("error"));
		return portal;
	}

	private HttpRequest signIn(HttpResponse<String> loginPage, String user) {
		Matcher token = CSRF.matcher(loginPage.body());
		assertThat(token.find()).as("CSRF token on the login page").isTrue();
		String form = "username=" + user + "&password=demo&_csrf="
				+ URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
		return HttpRequest.newBuilder(uri("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build();
	}

	/** Signs in to Tasklist as sam with the cookies of the start page, from origin. */
	private HttpResponse<String> signInToTasklist(HttpResponse<String> start, String origin) {
		String session = value(cookies(start, "JSESSIONID").get(0));
		String xsrf = value(cookies(start, "XSRF-TOKEN").get(0));
		HttpRequest.Builder login = HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/login/tasklist"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("X-XSRF-TOKEN", xsrf)
			.header("Cookie", "JSESSIONID=" + session + "; XSRF-TOKEN=" + xsrf)
			.POST(HttpRequest.BodyPublishers.ofString("username=sam&password=demo"));
		if (origin != null) {
			login.header("Origin", origin);
		}
		return send(this.client, login.build());
	}

	private HttpRequest get(String path) {
		return HttpRequest.newBuilder(uri(path)).GET().build();
	}

	private HttpRequest get(String path, String user) {
		return get(path, user, "demo");
	}

	private HttpRequest get(String path, String user, String password) {
		return HttpRequest.newBuilder(uri(path)).header("Authorization", basic(user, password)).GET().build();
	}

	private HttpRequest post(String path, String user, String body, String[] headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.header("Authorization", basic(user, "demo"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return request.build();
	}

	private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
		try {
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private URI uri(String path) {
		return URI.create(ownOrigin() + path);
	}

	private String ownOrigin() {
		return "http://localhost:" + this.port;
	}

	private static List<String> sessionCookies(HttpResponse<String> response) {
		return cookies(response, "JSESSIONID");
	}

	private static List<String> cookies(HttpResponse<String> response, String name) {
		return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).toList();
	}

	private static String value(String setCookie) {
		int end = setCookie.indexOf(';');
		return setCookie.substring(setCookie.indexOf('=') + 1, (end < 0) ? setCookie.length() : end);
	}

	private static void isSameSiteLax(String setCookie) {
		assertThat(Pattern.compile("(?i)samesite").matcher(setCookie).results().count()).as(setCookie).isEqualTo(1);
		assertThat(setCookie).containsIgnoringCase("SameSite=Lax");
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	private static String comment(String text) {
		return "{\"body\":\"" + text + "\"}";
	}

	private static String tag() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

	private record Answer(String what, HttpResponse<String> response, int status) {
	}

}

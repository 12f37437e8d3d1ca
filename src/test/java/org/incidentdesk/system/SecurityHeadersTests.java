package org.incidentdesk.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.PostgresOnly;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * Security headers on the API and the webapps in the default profile: no sniffing, no
 * framing by other sites, no caching of API answers; no HSTS over plain HTTP, and the
 * default profile does not trust a proxy's X-Forwarded-Proto. The production profile
 * ({@code postgres}, so these run in the PostgreSQL test run only) runs behind a
 * TLS-terminating proxy: an HTTPS request (as the proxy's X-Forwarded-Proto says) gets
 * HSTS on the API and in the webapps, and cookies only travel over HTTPS.
 */
@IncidentDeskTest
class SecurityHeadersTests {

	@Autowired
	TestRestTemplate http;

	@Test
	void apiAnswersCarryTheSecurityHeaders() {
		ResponseEntity<String> response = get("/api/v1/incidents", true, false);

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		HttpHeaders headers = response.getHeaders();
		assertThat(headers.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(headers.getFirst("X-Frame-Options")).isEqualTo("DENY");
		assertThat(headers.getFirst("Referrer-Policy")).isEqualTo("same-origin");
		assertThat(headers.getCacheControl()).contains("no-store");
		assertThat(headers.containsKey("Strict-Transport-Security")).isFalse();
	}

	@Test
	void refusalsCarryThemToo() {
		ResponseEntity<String> response = get("/api/v1/incidents", false, false);

		assertThat(response.getStatusCode().value()).isEqualTo(401);
		assertThat(response.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
	}

	@Test
	void theWebappsCarryCamundasSecurityHeaders() {
		ResponseEntity<String> response = get("/camunda/app/tasklist/default/", false, false);

		HttpHeaders headers = response.getHeaders();
		assertThat(headers.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(headers.getFirst("X-Frame-Options")).isEqualTo("SAMEORIGIN");
		assertThat(headers.getFirst("Content-Security-Policy")).contains("frame-ancestors 'none'");
	}

	@Test
	void withoutTheProductionProfileAForwardedHttpsRequestGetsNoHsts() {
		ResponseEntity<String> response = get("/api/v1/incidents", true, true);

		assertThat(response.getHeaders().containsKey("Strict-Transport-Security")).isFalse();
	}

	@Test
	void aBrowserCannotBeMadeToChangeSomethingFromAnotherSite() {
		// Given a browser that remembers the service desk's Basic credentials
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth("sam", "demo");
		headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);

		// When a page of another site makes it post a work note
		headers.add("Sec-Fetch-Site", "cross-site");
		ResponseEntity<String> crossSite = this.http.exchange("/api/v1/incidents/INC9999999/work-notes",
				HttpMethod.POST, new HttpEntity<>("{\"body\":\"x\"}", headers), String.class);

		// Then it is refused before anything is looked up; the same request from the
		// same site gets through to the API (which does not know the number)
		assertThat(crossSite.getStatusCode().value()).isEqualTo(403);
		assertThat(crossSite.getBody()).contains("another site");
		headers.set("Sec-Fetch-Site", "same-origin");
		ResponseEntity<String> sameSite = this.http.exchange("/api/v1/incidents/INC9999999/work-notes", HttpMethod.POST,
				new HttpEntity<>("{\"body\":\"x\"}", headers), String.class);
		assertThat(sameSite.getStatusCode().value()).isEqualTo(404);
	}

	@PostgresOnly
	@Test
	void httpsRequestsThroughTheProxyGetHstsInProduction() {
		ResponseEntity<String> api = getAsAuditor("/api/v1/incidents", true);
		ResponseEntity<String> webapp = getAsAuditor("/camunda/app/tasklist/default/", true);

		assertThat(api.getStatusCode().value()).isEqualTo(200);
		assertThat(api.getHeaders().getFirst("Strict-Transport-Security")).contains("max-age=31536000");
		assertThat(webapp.getHeaders().getFirst("Strict-Transport-Security")).contains("max-age=31536000");
		assertThat(webapp.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE)).isNotEmpty()
			.allSatisfy(cookie -> assertThat(cookie).containsIgnoringCase("Secure"));
	}

	@PostgresOnly
	@Test
	void plainHttpRequestsGetNoHstsInProduction() {
		ResponseEntity<String> api = getAsAuditor("/api/v1/incidents", false);

		assertThat(api.getHeaders().containsKey("Strict-Transport-Security")).isFalse();
	}

	private ResponseEntity<String> get(String path, boolean signedIn, boolean forwardedHttps) {
		HttpHeaders headers = new HttpHeaders();
		if (signedIn) {
			headers.setBasicAuth("audrey", "demo");
		}
		if (forwardedHttps) {
			headers.add("X-Forwarded-Proto", "https");
		}
		return this.http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
	}

	private ResponseEntity<String> getAsAuditor(String path, boolean https) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth("audrey", "demo");
		if (https) {
			headers.add("X-Forwarded-Proto", "https");
		}
		return this.http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
	}

}

package org.incidentdesk.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.incidentdesk.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * The production profile runs behind a TLS-terminating proxy: an HTTPS request (as the
 * proxy's X-Forwarded-Proto says) gets HSTS on the API and in the webapps, and cookies
 * only travel over HTTPS.
 */
@PostgresTest
class SecurityHeadersPostgresTests {

	@Autowired
	TestRestTemplate http;

	@Test
	void httpsRequestsThroughTheProxyGetHsts() {
		ResponseEntity<String> api = get("/api/v1/incidents", true);
		ResponseEntity<String> webapp = get("/camunda/app/tasklist/default/", true);

		assertThat(api.getStatusCode().value()).isEqualTo(200);
		assertThat(api.getHeaders().getFirst("Strict-Transport-Security")).contains("max-age=31536000");
		assertThat(webapp.getHeaders().getFirst("Strict-Transport-Security")).contains("max-age=31536000");
		assertThat(webapp.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE)).isNotEmpty()
			.allSatisfy(cookie -> assertThat(cookie).containsIgnoringCase("Secure"));
	}

	@Test
	void plainHttpRequestsGetNoHsts() {
		ResponseEntity<String> api = get("/api/v1/incidents", false);

		assertThat(api.getHeaders().containsKey("Strict-Transport-Security")).isFalse();
	}

	private ResponseEntity<String> get(String path, boolean https) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth("audrey", "demo");
		if (https) {
			headers.add("X-Forwarded-Proto", "https");
		}
		return this.http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
	}

}

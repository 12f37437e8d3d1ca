package org.incidentdesk.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.incidentdesk.IncidentDeskTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Camunda's webapps run their own login; our security must leave their servlets alone (a
 * matcher relative to Spring MVC once made Tasklist's plugin script a 401, and Tasklist
 * never loaded).
 */
@IncidentDeskTest
// Camunda's webapps find their engine by name ("default") in a static registry that every
// test
// context writes to and a closing context clears; a fresh context puts its own engine
// back.
@DirtiesContext(classMode = DirtiesContext.ClassMode.BEFORE_CLASS)
class CamundaWebappsTests {

	@Autowired
	TestRestTemplate http;

	@Test
	void tasklistLoadsItsPluginsBeforeAnyoneSignsIn() {
		ResponseEntity<String> plugin = this.http
			.getForEntity("/camunda/api/tasklist/plugin/tasklistPlugins/static/app/plugin.js", String.class);

		assertThat(plugin.getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void aServiceDeskAgentSignsInToTasklistAndSeesTheirGroupsFilter() {
		// Given the webapp's session and CSRF token from its start page
		ResponseEntity<String> start = this.http.getForEntity("/camunda/app/tasklist/default/", String.class);
		String xsrf = cookie(start, "XSRF-TOKEN");
		String anonymousSession = cookie(start, "JSESSIONID");

		// When the agent signs in through the webapp's login
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
		headers.add("X-XSRF-TOKEN", xsrf);
		headers.add(HttpHeaders.COOKIE, "JSESSIONID=" + anonymousSession + "; XSRF-TOKEN=" + xsrf);
		var form = new LinkedMultiValueMap<String, String>();
		form.add("username", "sam");
		form.add("password", "demo");
		ResponseEntity<String> login = this.http.postForEntity("/camunda/api/admin/auth/user/default/login/tasklist",
				new HttpEntity<>(form, headers), String.class);
		assertThat(login.getStatusCode()).isEqualTo(HttpStatus.OK);

		// Then the session knows them, and their Tasklist filter is there
		HttpHeaders session = new HttpHeaders();
		session.add(HttpHeaders.COOKIE, "JSESSIONID=" + cookie(login, "JSESSIONID") + "; XSRF-TOKEN=" + xsrf);
		ResponseEntity<String> user = this.http.exchange("/camunda/api/admin/auth/user/default", HttpMethod.GET,
				new HttpEntity<>(session), String.class);
		assertThat(user.getBody()).contains("\"userId\":\"sam\"").contains("tasklist");
		ResponseEntity<String> filters = this.http.exchange("/camunda/api/engine/engine/default/filter", HttpMethod.GET,
				new HttpEntity<>(session), String.class);
		assertThat(filters.getBody()).contains("Service desk").doesNotContain("Auditors");
	}

	private static String cookie(ResponseEntity<?> response, String name) {
		List<String> cookies = response.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE);
		return cookies.stream()
			.filter(c -> c.startsWith(name + "="))
			.map(c -> c.substring(name.length() + 1, c.indexOf(';')))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No " + name + " cookie in " + cookies));
	}

}

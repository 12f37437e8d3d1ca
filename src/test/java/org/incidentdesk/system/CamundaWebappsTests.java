package org.incidentdesk.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.incidentdesk.IncidentDeskTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Camunda's webapps run their own login; our security must leave their servlets alone (a
 * matcher relative to Spring MVC once made Tasklist's plugin script a 401, and Tasklist
 * never loaded).
 */
@IncidentDeskTest
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
		// When the agent signs in through the webapp's login
		WebappSession session = WebappSession.signIn(this.http, "tasklist", "sam", "demo");
		assertThat(session.status()).isEqualTo(HttpStatus.OK.value());

		// Then the session knows them, and their Tasklist filter is there
		assertThat(session.get("/camunda/api/admin/auth/user/default").getBody()).contains("\"userId\":\"sam\"")
			.contains("tasklist");
		assertThat(session.get("/camunda/api/engine/engine/default/filter").getBody()).contains("Service desk")
			.doesNotContain("Auditors");
	}

}

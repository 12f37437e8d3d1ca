package org.incidentdesk.system;

import org.incidentdesk.IncidentDeskTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An address of the webapps that names a process engine this installation does not have
 * is a 404 that names the one it has, never Camunda's 500; the same addresses with the
 * engine there is still work.
 */
@IncidentDeskTest
class UnknownEngineTests {

	@Autowired
	TestRestTemplate http;

	@ParameterizedTest
	@ValueSource(strings = { "/camunda/app/tasklist/nope/", "/camunda/app/cockpit/nope",
			"/camunda/app/admin/nope/setup/", "/camunda/api/admin/auth/user/nope",
			"/camunda/api/admin/auth/user/nope/logout", "/camunda/api/engine/engine/nope/task/count",
			"/camunda/api/cockpit/plugin/base/nope/process-definition/statistics" })
	void anUnknownEngineIsNotFoundWithTheOneThereIs(String path) {
		WebappSession session = WebappSession.signIn(this.http, "tasklist", "sam", "demo");

		ResponseEntity<String> answer = session.get(path);

		assertThat(answer.getStatusCode()).as(path).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(answer.getBody()).as(path)
			.containsAnyOf("There is no process engine &#39;nope&#39;", "There is no process engine 'nope'")
			.contains("default");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/camunda/app/tasklist/default/", "/camunda/api/admin/auth/user/default",
			"/camunda/api/engine/engine/default/task/count",
			"/camunda/api/tasklist/plugin/tasklistPlugins/static/app/plugin.js" })
	void theEngineThereIsStillWorks(String path) {
		WebappSession session = WebappSession.signIn(this.http, "tasklist", "sam", "demo");

		assertThat(session.get(path).getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
	}

}

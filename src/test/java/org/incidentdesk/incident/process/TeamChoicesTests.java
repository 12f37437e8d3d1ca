package org.incidentdesk.incident.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.incidentdesk.BothDatabases;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.TestReports;
import org.incidentdesk.incident.Channel;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.Incidents;
import org.incidentdesk.incident.process.IncidentProcess.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The team selects of the forms offer the teams that serve the incident's customer
 * organisation, read when the task is created: a team an administrator adds is offered
 * and can be picked in Tasklist, with no form edited.
 */
@IncidentDeskTest
@BothDatabases
class TeamChoicesTests {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@Autowired
	TestRestTemplate http;

	@Autowired
	TaskService tasks;

	@Autowired
	IncidentService incidents;

	@Autowired
	Incidents records;

	@Autowired
	ObjectMapper json;

	@Test
	void aTeamAnAdministratorAddsIsOfferedAndCanBePickedInTheForm() throws Exception {
		// Given an administrator adds a printer team for acme, and another team for
		// globex
		createTeam("support-printers", "Printer support", "acme");
		createTeam("support-globex-desk", "Globex desk support", "globex");
		try {
			// When an acme incident reaches triage
			Incident incident = this.incidents.report(TestReports.report("Printer prints blank pages")
				.by("acme", "bob")
				.via(Channel.PHONE)
				.category("hardware")
				.build());
			Task triage = this.tasks.createTaskQuery()
				.processInstanceId(incident.processInstanceId())
				.taskDefinitionKey(Element.TASK_TRIAGE_INCIDENT)
				.singleResult();

			// Then Tasklist gets the teams that serve acme as the select's options, the
			// new one among them, and not globex's (read as Tasklist reads them,
			// serialized)
			ResponseEntity<Map<String, Object>> variables = this.http.withBasicAuth("sam", "demo")
				.exchange("/engine-rest/task/" + triage.getId() + "/form-variables?deserializeValues=false",
						HttpMethod.GET, null, JSON);
			assertThat(variables.getStatusCode()).isEqualTo(HttpStatus.OK);
			@SuppressWarnings("unchecked")
			Map<String, Object> teamOptions = (Map<String, Object>) variables.getBody().get("teamOptions");
			assertThat(teamOptions).as("%s", teamOptions).containsEntry("type", "Json");
			assertThat(teamOptions.get("value")).as("%s", teamOptions).isInstanceOf(String.class);
			JsonNode options = this.json.readTree((String) teamOptions.get("value"));
			List<String> values = options.findValuesAsText("value");
			assertThat(values).contains("support-printers", "support-infrastructure")
				.doesNotContain("support-globex-desk");
			assertThat(options.findValuesAsText("label")).contains("Printer support");

			// And the service desk escalates to the new team from the form
			ResponseEntity<Map<String, Object>> submitted = submit(triage, """
					{"variables": {
					  "triageDecision": {"value": "ESCALATE"},
					  "escalationGroup": {"value": "support-printers"}}}""");
			assertThat(submitted.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
			assertThat(this.records.get(incident.number()).assignmentGroup()).isEqualTo("support-printers");
			Task work = this.tasks.createTaskQuery()
				.processInstanceId(incident.processInstanceId())
				.taskDefinitionKey(Element.TASK_WORK_ON_INCIDENT)
				.singleResult();
			assertThat(this.tasks.getIdentityLinksForTask(work.getId()))
				.anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo("support-printers"));
		}
		finally {
			unserve("acme", "support-printers");
			unserve("globex", "support-globex-desk");
		}
	}

	private void createTeam(String id, String name, String tenant) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		ResponseEntity<Map<String, Object>> created = this.http.withBasicAuth("demo", "demo")
			.exchange("/api/v1/admin/teams", HttpMethod.POST,
					new HttpEntity<>(Map.of("id", id, "name", name, "tenants", List.of(tenant)), headers), JSON);
		assertThat(created.getStatusCode()).isIn(HttpStatus.CREATED, HttpStatus.CONFLICT);
		if (created.getStatusCode() == HttpStatus.CONFLICT) {
			assertThat(this.http.withBasicAuth("demo", "demo")
				.exchange("/api/v1/admin/tenants/" + tenant + "/serving-groups/" + id, HttpMethod.PUT, null, JSON)
				.getStatusCode()
				.is2xxSuccessful()).isTrue();
		}
	}

	private void unserve(String tenant, String team) {
		this.http.withBasicAuth("demo", "demo")
			.exchange("/api/v1/admin/tenants/" + tenant + "/serving-groups/" + team, HttpMethod.DELETE, null, JSON);
	}

	private ResponseEntity<Map<String, Object>> submit(Task task, String body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return this.http.withBasicAuth("sam", "demo")
			.exchange("/engine-rest/task/" + task.getId() + "/submit-form", HttpMethod.POST,
					new HttpEntity<>(body, headers), JSON);
	}

}

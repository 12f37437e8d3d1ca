package org.incidentdesk.incident.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.incidentdesk.system.CurrentUser;
import org.incidentdesk.tenancy.AccessModel;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Tasklist sorts by the task priority, which follows the incident's priority: P1 highest
 * (100), P5 lowest (20), and a running incident's open tasks move when its priority is
 * raised, with the list card's texts (priority label, SLA due). The work groups' filters
 * show those texts on the cards, filters made before included.
 */
@IncidentDeskTest
class TasklistPrioritiesTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	ObjectMapper json;

	@Autowired
	Escalations escalations;

	@Autowired
	RuntimeService runtime;

	@Autowired
	TaskService tasks;

	@Autowired
	FilterService filters;

	@Autowired
	AccessModel access;

	@Test
	void tasksSortedByPriorityComeP1FirstAndMoveWhenThePriorityIsRaised() throws Exception {
		// Given a P5, a P1 and a P3 incident, each waiting in triage
		String p5 = report("LOW", "LOW");
		String p1 = report("HIGH", "HIGH");
		String p3 = report("MEDIUM", "MEDIUM");

		// When their tasks are listed by priority, highest first, as Tasklist sorts
		JsonNode sorted = tasksByPriority(p5, p1, p3);

		// Then P1 comes first and P5 last, with the task priorities of the README
		assertThat(businessKeysAndPriorities(sorted)).containsExactly(p1 + "=100", p3 + "=60", p5 + "=20");
		String processInstance = sorted.get(2).get("processInstanceId").asText();
		assertThat(this.runtime.getVariable(processInstance, Var.PRIORITY_LABEL)).isEqualTo("P5 planning");
		String dueBefore = (String) this.runtime.getVariable(processInstance, Var.SLA_DUE);
		assertThat(dueBefore).startsWith("Respond by ");

		// When the P5 incident's priority is raised to P2 while its task is open
		this.escalations.raisePriority(p5, processInstance, "P2");
		this.runtime.setVariable(processInstance, Var.PRIORITY, "P2");

		// Then its open task moves up, between P1 and P3, and its card says so, with the
		// earlier due date of P2
		assertThat(businessKeysAndPriorities(tasksByPriority(p5, p1, p3))).containsExactly(p1 + "=100", p5 + "=80",
				p3 + "=60");
		assertThat(this.runtime.getVariable(processInstance, Var.PRIORITY_LABEL)).isEqualTo("P2 high");
		String dueAfter = (String) this.runtime.getVariable(processInstance, Var.SLA_DUE);
		assertThat(dueAfter).startsWith("Respond by ").isNotEqualTo(dueBefore);
		assertThat(this.runtime.getVariable(processInstance, Var.RESPONSE_DUE)).isEqualTo(dueAfter.substring(11));
	}

	@Test
	void theWorkGroupsFiltersShowPriorityAndSlaDueFirstOldFiltersIncluded() {
		// The filters made at this start
		assertThat(variableNames(this.access.filterOf(CurrentUser.SERVICE_DESK).orElseThrow()))
			.containsExactly(Var.PRIORITY_LABEL, Var.SLA_DUE, Var.INCIDENT_NUMBER, Var.SUMMARY);

		// Given a team's filter as earlier versions made it, with a variable an
		// administrator added
		String group = "support-old-" + UUID.randomUUID().toString().substring(0, 8);
		Filter old = this.filters.newTaskFilter("Old filter of " + group)
			.setProperties(Map.of("incidentDeskGroup", group, "variables",
					List.of(Map.of("name", Var.INCIDENT_NUMBER, "label", "Incident"),
							Map.of("name", Var.SUMMARY, "label", "Summary"),
							Map.of("name", Var.PRIORITY, "label", "Priority"),
							Map.of("name", Var.CI_NAME, "label", "Device"))))
			.setQuery(this.tasks.createTaskQuery().taskCandidateGroup(group));
		this.filters.saveFilter(old);

		// When the application starts again
		this.access.cardVariablesUpToDate();

		// Then it shows this version's card variables, and the administrator's after
		// them
		Filter updated = this.filters.getFilter(old.getId());
		assertThat(variableNames(updated)).containsExactly(Var.PRIORITY_LABEL, Var.SLA_DUE, Var.INCIDENT_NUMBER,
				Var.SUMMARY, Var.CI_NAME);
		this.filters.deleteFilter(old.getId());
	}

	@SuppressWarnings("unchecked")
	private static List<String> variableNames(Filter filter) {
		return ((List<Map<String, Object>>) filter.getProperties().get("variables")).stream()
			.map(variable -> (String) variable.get("name"))
			.toList();
	}

	private JsonNode tasksByPriority(String... numbers) throws Exception {
		return body(expect(as("demo", HttpMethod.GET, "/engine-rest/task?processInstanceBusinessKeyIn="
				+ String.join(",", numbers) + "&sortBy=priority&sortOrder=desc", null), HttpStatus.OK));
	}

	private List<String> businessKeysAndPriorities(JsonNode tasks) throws Exception {
		List<String> found = new ArrayList<>();
		for (JsonNode task : tasks) {
			String key = (String) this.runtime.createProcessInstanceQuery()
				.processInstanceId(task.get("processInstanceId").asText())
				.singleResult()
				.getBusinessKey();
			found.add(key + "=" + task.get("priority").asInt());
		}
		return found;
	}

	private String report(String impact, String urgency) throws Exception {
		return body(expect(as("sam", HttpMethod.POST, "/api/v1/incidents",
				Map.of("tenantId", "acme", "callerId", "bob", "summary", "Conveyor belt " + impact + " " + urgency,
						"category", "hardware", "impact", impact, "urgency", urgency)),
				HttpStatus.CREATED))
			.get("number")
			.asText();
	}

	private ResponseEntity<String> as(String user, HttpMethod method, String path, Object body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth(user, "demo");
		headers.setContentType(MediaType.APPLICATION_JSON);
		return this.http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
	}

	private JsonNode body(ResponseEntity<String> response) throws Exception {
		return this.json.readTree(response.getBody());
	}

	private static ResponseEntity<String> expect(ResponseEntity<String> response, HttpStatus status) {
		assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
		return response;
	}

}

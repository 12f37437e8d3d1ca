package org.incidentdesk.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.incidentdesk.BothDatabases;
import org.incidentdesk.IncidentDeskTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Where a hand-over sends an incident is in the models: the table IncidentHandover,
 * evaluated by the business rule task "Decide hand-over", and the triage default in the
 * table TriageDefault. A process owner changes them from Modeler without Java, and every
 * evaluation is recorded with the incident's process instance, where Cockpit and the
 * auditors see which rule routed it.
 */
@IncidentDeskTest
class RoutingInTheModelTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	RepositoryService repository;

	@Autowired
	ObjectMapper json;

	@BothDatabases
	@Test
	void theRuleThatRoutedAnIncidentIsRecordedWithItsProcessInstance() throws Exception {
		// Given a hardware incident, which the routing table gives to infrastructure
		String number = report("acme", "bob", "Docking station dead", "hardware");
		JsonNode incident = read("sam", "/api/v1/incidents/" + number);

		// When the service desk escalates it without choosing a team
		expect(complete("sam", taskOf(number), Map.of("triageDecision", "ESCALATE")), 204);

		// Then it is with the team the hand-over table named, one level up
		JsonNode escalated = read("sam", "/api/v1/incidents/" + number);
		assertThat(escalated.get("assignmentGroup").asText()).isEqualTo("support-infrastructure");
		assertThat(escalated.get("supportLevel").asInt()).isEqualTo(incident.get("supportLevel").asInt() + 1);

		// And the auditor sees, with the process instance, every table that was
		// evaluated, at which step and which rule matched
		String processInstance = read("demo", "/engine-rest/process-instance?businessKey=" + number).get(0)
			.get("id")
			.asText();
		JsonNode decisions = read("audrey", "/engine-rest/history/decision-instance?processInstanceId="
				+ processInstance + "&includeOutputs=true&sortBy=evaluationTime&sortOrder=asc");
		Map<String, String> stepOf = new LinkedHashMap<>();
		decisions.forEach(decision -> stepOf.put(decision.get("decisionDefinitionKey").asText(),
				decision.get("activityId").asText()));
		// (the three tables of the classification are evaluated in the same step, in
		// no order that matters)
		assertThat(stepOf).containsOnly(Map.entry("IncidentPriority", "Task_ClassifyIncident"),
				Map.entry("SlaTargets", "Task_ClassifyIncident"), Map.entry("IncidentRouting", "Task_ClassifyIncident"),
				Map.entry("TriageDefault", "Task_ProposeTriageDecision"),
				Map.entry("IncidentHandover", "Task_DecideHandover"));
		assertThat(List.copyOf(stepOf.keySet()).subList(3, 5)).containsExactly("TriageDefault", "IncidentHandover");
		JsonNode handover = decisions.get(decisions.size() - 1);
		assertThat(handover.get("tenantId").asText()).isEqualTo("acme");
		Map<String, String> outputs = new LinkedHashMap<>();
		handover.get("outputs").forEach(output -> {
			outputs.put(output.get("variableName").asText(), output.get("value").asText());
			assertThat(output.get("ruleId").asText()).isEqualTo("Rule_TriageEscalateDefault");
		});
		assertThat(outputs).containsEntry("handoverTo", "support-infrastructure")
			.containsEntry("handoverKind", "ESCALATION")
			.containsEntry("workLocation", "REMOTE");
	}

	@BothDatabases
	@Test
	void aCustomersOwnHandoverTableRoutesOnlyItsIncidentsWithoutJava() throws Exception {
		// Given acme's contract sends every escalation from triage straight to the vendor
		String table = ModelerUpload.model("IncidentHandover.dmn")
			.replace("<text>firstTeam</text>", "<text>\"vendor-systems\"</text>");
		ResponseEntity<Map<String, Object>> deployed = ModelerUpload.deploy(this.http, "acme",
				Map.of("IncidentHandover.dmn", table));
		expect(deployed, HttpStatus.OK);
		try {
			// When hardware incidents at acme and at globex are escalated without a
			// chosen team
			String acme = report("acme", "bob", "Plotter jams", "hardware");
			String globex = report("globex", "dodi", "Plotter jams", "hardware");
			expect(complete("sam", taskOf(acme), Map.of("triageDecision", "ESCALATE")), 204);
			expect(complete("sam", taskOf(globex), Map.of("triageDecision", "ESCALATE")), 204);

			// Then acme's goes to the vendor, and globex's follows the shared table
			assertThat(read("sam", "/api/v1/incidents/" + acme).get("assignmentGroup").asText())
				.isEqualTo("vendor-systems");
			assertThat(read("sam", "/api/v1/incidents/" + globex).get("assignmentGroup").asText())
				.isEqualTo("support-infrastructure");
			assertThat(read("demo",
					"/engine-rest/task?processInstanceBusinessKey=" + acme + "&candidateGroup=vendor-systems"))
				.hasSize(1);
		}
		finally {
			this.repository.deleteDeployment((String) deployed.getBody().get("id"), true);
		}
	}

	@Test
	void aTableWithoutARuleForTheDecisionRefusesItAndChangesNothing() throws Exception {
		// Given acme's hand-over table lost its triage rules
		String table = ModelerUpload.model("IncidentHandover.dmn")
			.replace("<text>\"triage\"</text>", "<text>\"intake\"</text>");
		ResponseEntity<Map<String, Object>> deployed = ModelerUpload.deploy(this.http, "acme",
				Map.of("IncidentHandover.dmn", table));
		expect(deployed, HttpStatus.OK);
		try {
			String number = report("acme", "bob", "Monitor flickers", "hardware");
			String triage = taskOf(number);
			JsonNode before = read("sam", "/api/v1/incidents/" + number);

			// When the service desk escalates
			ResponseEntity<String> refused = complete("sam", triage, Map.of("triageDecision", "ESCALATE"));

			// Then the decision is refused with the reason, and the incident stays in
			// triage, unchanged
			expect(refused, 400);
			assertThat(this.json.readTree(refused.getBody()).get("message").asText())
				.contains("The hand-over table (IncidentHandover) has no rule for ESCALATE decided in triage");
			assertThat(taskOf(number)).isEqualTo(triage);
			assertThat(read("sam", "/api/v1/incidents/" + number)).isEqualTo(before);

			// And a decision the table still covers goes through
			expect(complete("sam", triage, Map.of("triageDecision", "RESOLVE", "resolutionCode", "USER_ERROR",
					"resolutionNotes", "Cable was loose.")), 204);
		}
		finally {
			this.repository.deleteDeployment((String) deployed.getBody().get("id"), true);
		}
	}

	@Test
	void aHandoverTableWithAnswersTheProcessCannotUseIsRefusedAtDeploy() throws IOException {
		long before = this.repository.createDeploymentQuery().count();
		String table = ModelerUpload.model("IncidentHandover.dmn")
			.replaceFirst("<text>\"ESCALATION\"</text>", "<text>\"SIDEWAYS\"</text>")
			.replace("<text>\"ONSITE\"</text>", "<text>\"AT HOME\"</text>");

		ResponseEntity<Map<String, Object>> refused = ModelerUpload.deploy(this.http, null,
				Map.of("IncidentHandover.dmn", table));

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat((String) refused.getBody().get("message"))
			.contains("decision table 'Incident hand-over' (IncidentHandover), rule 1 (Rule_TriageEscalateChosen), "
					+ "output column 'Kind (handoverKind)': «\"SIDEWAYS\"» must be one of \"ESCALATION\", \"TRANSFER\", \"DISPATCH\".")
			.contains(
					"rule 3 (Rule_TriageDispatch), output column 'Work location (workLocation)': «\"AT HOME\"» must be one of \"REMOTE\", \"ONSITE\".");
		assertThat(this.repository.createDeploymentQuery().count()).isEqualTo(before);
	}

	@Test
	void aDiagramWhoseBusinessRuleTaskNamesNoDeployedDecisionIsRefused() throws IOException {
		long before = this.repository.createDeploymentQuery().count();
		String diagram = ModelerUpload.model("IncidentManagement.bpmn")
			.replace("camunda:decisionRef=\"IncidentHandover\"", "camunda:decisionRef=\"IncidentHandOff\"");

		ResponseEntity<Map<String, Object>> refused = ModelerUpload.deploy(this.http, null,
				Map.of("IncidentManagement.bpmn", diagram));

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat((String) refused.getBody().get("message"))
			.contains("The business rule task 'Decide hand-over' (Task_DecideHandover) evaluates the decision "
					+ "'IncidentHandOff', and no decision with that id is deployed.");
		assertThat(this.repository.createDeploymentQuery().count()).isEqualTo(before);
	}

	@Test
	void incidentsOnAnEarlierVersionWithoutTheHandoverTaskStillHandOver() throws Exception {
		// Given acme's incidents run a version of the process from before "Decide
		// hand-over" existed
		String earlier = new ClassPathResource("models/IncidentManagement-before-handover-table.bpmn")
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(earlier).doesNotContain("Task_DecideHandover");
		ResponseEntity<Map<String, Object>> deployed = ModelerUpload.deploy(this.http, "acme",
				Map.of("IncidentManagement.bpmn", earlier));
		expect(deployed, HttpStatus.OK);
		try {
			String number = report("acme", "bob", "Keyboard types twice", "hardware");

			// When the service desk escalates without a team, and infrastructure
			// escalates on without a team
			expect(complete("sam", taskOf(number), Map.of("triageDecision", "ESCALATE")), 204);
			assertThat(read("sam", "/api/v1/incidents/" + number).get("assignmentGroup").asText())
				.isEqualTo("support-infrastructure");
			expect(complete("ivan", taskOf(number),
					Map.of("supportDecision", "ESCALATE", "workNote", "Needs the vendor.")), 204);

			// Then the hand-over table routed both, as in the current model
			assertThat(read("sam", "/api/v1/incidents/" + number).get("assignmentGroup").asText())
				.isEqualTo("vendor-systems");
			String processInstance = read("demo", "/engine-rest/process-instance?businessKey=" + number).get(0)
				.get("id")
				.asText();
			JsonNode handovers = read("audrey", "/engine-rest/history/decision-instance?processInstanceId="
					+ processInstance + "&decisionDefinitionKey=IncidentHandover");
			assertThat(handovers).hasSize(2);
			handovers.forEach(
					decision -> assertThat(decision.get("activityId").asText()).isEqualTo("Task_HandOverIncident"));
		}
		finally {
			this.repository.deleteDeployment((String) deployed.getBody().get("id"), true);
		}
	}

	private String report(String tenant, String caller, String summary, String category) throws Exception {
		ResponseEntity<String> created = as("sam", HttpMethod.POST, "/api/v1/incidents", Map.of("tenantId", tenant,
				"callerId", caller, "summary", summary, "category", category, "impact", "LOW", "urgency", "LOW"));
		expect(created, HttpStatus.CREATED);
		return this.json.readTree(created.getBody()).get("number").asText();
	}

	private String taskOf(String number) throws Exception {
		JsonNode tasks = read("demo", "/engine-rest/task?processInstanceBusinessKey=" + number);
		assertThat(tasks.size()).as(tasks.toString()).isEqualTo(1);
		return tasks.get(0).get("id").asText();
	}

	/** Completes a task as Tasklist does, through Camunda's REST API. */
	private ResponseEntity<String> complete(String user, String taskId, Map<String, String> variables) {
		Map<String, Object> typed = new LinkedHashMap<>();
		variables.forEach((name, value) -> typed.put(name, Map.of("value", value, "type", "String")));
		return as(user, HttpMethod.POST, "/engine-rest/task/" + taskId + "/complete", Map.of("variables", typed));
	}

	private JsonNode read(String user, String path) throws Exception {
		ResponseEntity<String> response = as(user, HttpMethod.GET, path, null);
		expect(response, HttpStatus.OK);
		return this.json.readTree(response.getBody());
	}

	private ResponseEntity<String> as(String user, HttpMethod method, String path, Object body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth(user, "demo");
		headers.setContentType(MediaType.APPLICATION_JSON);
		return this.http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
	}

	private static void expect(ResponseEntity<?> response, HttpStatus status) {
		assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(status);
	}

	private static void expect(ResponseEntity<?> response, int status) {
		assertThat(response.getStatusCode().value()).as(String.valueOf(response.getBody())).isEqualTo(status);
	}

}

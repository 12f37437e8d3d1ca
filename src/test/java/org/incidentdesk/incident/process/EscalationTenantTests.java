package org.incidentdesk.incident.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.incident.process.IncidentProcess.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Work goes only to a team that serves the incident's customer organisation (issue 11,
 * finding 11): escalation, transfer, sending to the vendor and reassignment through
 * Camunda's REST API, as Tasklist does it. A refusal is a 400 that names the teams that
 * do serve the tenant, and leaves the task and the incident as they were. (There is no
 * {@code /api/v1} route that picks a team.)
 */
@IncidentDeskTest
class EscalationTenantTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	ObjectMapper json;

	@Autowired
	ProcessEngine engine;

	@Autowired
	RuntimeService runtime;

	@BeforeEach
	void initAssertions() {
		BpmnAwareTests.init(this.engine);
	}

	@AfterEach
	void resetClock() {
		ClockUtil.reset();
	}

	@Test
	void theServiceDeskCannotEscalateToATeamThatDoesNotServeTheTenant() throws Exception {
		// Given a team that serves globex only, and an incident of acme in triage
		String team = unique("support-globex-only");
		expect(admin(HttpMethod.POST, "/api/v1/admin/teams",
				Map.of("id", team, "name", "Globex only", "tenants", List.of("globex"))), 201);
		String number = report("acme", "alice", "Printer on floor 3 is offline", "hardware");
		String triage = taskOf(number);
		JsonNode before = incident(number);

		// When the service desk escalates to that team
		ResponseEntity<String> refused = complete("sam", triage,
				Map.of("triageDecision", "ESCALATE", "escalationGroup", team));

		// Then it is refused, naming the teams that serve acme
		expect(refused, 400);
		assertThat(message(refused)).contains("'" + team + "' does not serve this customer organisation (acme)")
			.contains("escalationGroup: " + String.join(", ", servingTeams("acme")) + ".");
		assertThat(servingTeams("acme")).contains("support-applications", "support-infrastructure", "vendor-systems")
			.doesNotContain(team);

		// And the task waits and the incident is as it was
		assertThat(taskOf(number)).isEqualTo(triage);
		assertThat(incident(number)).isEqualTo(before);

		// When the service desk escalates to a team that serves acme
		expect(complete("sam", triage, Map.of("triageDecision", "ESCALATE", "escalationGroup", "support-applications")),
				204);

		// Then the team has it
		assertThat(incident(number).get("assignmentGroup").asText()).isEqualTo("support-applications");
	}

	@Test
	void theRoutingTablesTeamIsRefusedWhenItDoesNotServeTheTenantAndTheServingTeamsAreNamed() throws Exception {
		// Given a tenant served by application support only, and a hardware incident,
		// which the routing table gives to infrastructure support
		String tenant = newTenant(List.of("support-applications"));
		String number = report(tenant, caller(tenant), "Laptop does not boot", "hardware");
		String triage = taskOf(number);
		JsonNode before = incident(number);

		// When the service desk escalates without choosing a team
		ResponseEntity<String> refused = complete("sam", triage, Map.of("triageDecision", "ESCALATE"));

		// Then it is refused: the routing table's team cannot see the incident, and the
		// one that can is named
		expect(refused, 400);
		assertThat(message(refused)).contains(
				"The team that the hand-over table (IncidentHandover) names, 'support-infrastructure', does not serve this customer "
						+ "organisation (" + tenant + ")")
			.contains("escalationGroup: support-applications.");
		assertThat(taskOf(number)).isEqualTo(triage);
		assertThat(incident(number)).isEqualTo(before);

		// When the service desk chooses the serving team
		expect(complete("sam", triage, Map.of("triageDecision", "ESCALATE", "escalationGroup", "support-applications")),
				204);

		// Then it has the incident
		assertThat(incident(number).get("assignmentGroup").asText()).isEqualTo("support-applications");
	}

	@Test
	void aSupportTeamTransfersAndEscalatesOnlyToTeamsThatServeTheTenant() throws Exception {
		// Given an incident of a tenant served by application support only, with
		// that team
		String tenant = newTenant(List.of("support-applications"));
		String number = report(tenant, caller(tenant), "Payroll shows an error", "software");
		expect(complete("sam", taskOf(number), Map.of("triageDecision", "ESCALATE")), 204);
		String work = taskOf(number);
		JsonNode before = incident(number);

		// When the team transfers it to infrastructure support, or escalates to the
		// routing table's vendor
		ResponseEntity<String> transfer = complete("ana", work,
				Map.of("supportDecision", "TRANSFER", "transferGroup", "support-infrastructure"));
		ResponseEntity<String> escalate = complete("ana", work, Map.of("supportDecision", "ESCALATE"));

		// Then both are refused: no other team serves the tenant
		expect(transfer, 400);
		assertThat(message(transfer)).contains("'support-infrastructure' does not serve this customer organisation")
			.contains("No other support or vendor team serves it")
			.contains("PUT /api/v1/admin/tenants/" + tenant + "/serving-groups/{team}");
		expect(escalate, 400);
		assertThat(message(escalate))
			.contains("The team that the hand-over table (IncidentHandover) names, 'vendor-systems', does not serve");
		assertThat(taskOf(number)).isEqualTo(work);
		assertThat(incident(number)).isEqualTo(before);

		// When an administrator lets the vendor serve the tenant
		expect(admin(HttpMethod.PUT, "/api/v1/admin/tenants/" + tenant + "/serving-groups/vendor-systems", null), 204);

		// Then the escalation to it goes through
		expect(complete("ana", work, Map.of("supportDecision", "ESCALATE")), 204);
		assertThat(incident(number).get("assignmentGroup").asText()).isEqualTo("vendor-systems");
	}

	@Test
	void onSiteTechniciansSendToTheVendorOnlyWhenItServesTheTenant() throws Exception {
		// Given an incident of a tenant served by application support only, dispatched
		// to its technicians
		String tenant = newTenant(List.of("support-applications"));
		String technician = unique("tech");
		expect(admin(HttpMethod.POST, "/api/v1/admin/users", user(technician, "TECHNICIAN", tenant)), 201);
		String number = report(tenant, caller(tenant), "Scanner at the front desk is broken", "hardware");
		expect(complete("sam", taskOf(number), Map.of("triageDecision", "DISPATCH_ONSITE")), 204);
		String onSite = taskOf(number);
		JsonNode before = incident(number);

		// When a technician sends it to the vendor, which does not serve the tenant
		ResponseEntity<String> refused = complete(technician, onSite, Map.of("onSiteDecision", "SEND_TO_VENDOR"));

		// Then it is refused, naming the team the service desk can escalate to instead
		expect(refused, 400);
		assertThat(message(refused))
			.contains("The team that the hand-over table (IncidentHandover) names, 'vendor-systems', does not serve")
			.contains("Teams serving it: support-applications; return the incident to the service desk");
		assertThat(taskOf(number)).isEqualTo(onSite);
		assertThat(incident(number)).isEqualTo(before);
	}

	@Test
	void theIncidentManagerReassignsOnlyToATeamThatServesTheTenant() throws Exception {
		// Given a breached incident of acme, with application support
		String team = unique("support-globex-only");
		expect(admin(HttpMethod.POST, "/api/v1/admin/teams",
				Map.of("id", team, "name", "Globex only", "tenants", List.of("globex"))), 201);
		String number = report("acme", "bob", "Mail is slow", "email");
		expect(complete("sam", taskOf(number), Map.of("triageDecision", "ESCALATE")), 204);
		ProcessInstance pi = this.runtime.createProcessInstanceQuery()
			.processInstanceBusinessKey(number)
			.singleResult();
		breach(pi);
		String review = taskOf(number, Element.TASK_REVIEW_BREACHED_INCIDENT);
		JsonNode before = incident(number);

		// When the incident manager reassigns it to a team that does not serve acme
		ResponseEntity<String> refused = complete("ines", review,
				Map.of("reviewDecision", "REASSIGN", "reassignGroup", team));

		// Then it is refused, naming the other teams that serve acme
		expect(refused, 400);
		assertThat(message(refused)).contains("'" + team + "' does not serve this customer organisation (acme)")
			.contains("reassignGroup: " + String.join(", ",
					servingTeams("acme").stream().filter(serving -> !serving.equals("support-applications")).toList())
					+ ".");
		assertThat(taskOf(number, Element.TASK_REVIEW_BREACHED_INCIDENT)).isEqualTo(review);
		assertThat(incident(number)).isEqualTo(before);

		// When the incident manager reassigns it to a serving team
		expect(complete("ines", review, Map.of("reviewDecision", "REASSIGN", "reassignGroup", "vendor-systems")), 204);

		// Then that team has it
		assertThat(incident(number).get("assignmentGroup").asText()).isEqualTo("vendor-systems");
	}

	/** Warning and breach fire: the incident manager gets the review task. */
	private void breach(ProcessInstance pi) {
		ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(10))));
		execute(job(Element.BOUNDARY_EVENT_RESOLUTION_SLA_WARNING, pi));
		execute(job(Element.TASK_WARN_INCIDENT_MANAGER, pi));
		execute(job(Element.BOUNDARY_EVENT_RESOLUTION_SLA_BREACHED, pi));
		execute(job(Element.TASK_RECORD_SLA_BREACH, pi));
	}

	/** The support teams and vendors serving the tenant, as administrators see them. */
	private List<String> servingTeams(String tenant) throws Exception {
		JsonNode servedBy = read("demo", "/api/v1/admin/tenants/" + tenant).get("servedBy");
		List<String> teams = new ArrayList<>();
		servedBy.forEach(group -> teams.add(group.asText()));
		return teams.stream()
			.filter(group -> group.startsWith("support-") || group.startsWith("vendor-"))
			.sorted()
			.toList();
	}

	private String newTenant(List<String> servedBy) {
		String tenant = unique("esc");
		expect(admin(HttpMethod.POST, "/api/v1/admin/tenants",
				Map.of("id", tenant, "name", "Escalations " + tenant, "servedBy", servedBy)), 201);
		return tenant;
	}

	private String caller(String tenant) {
		String caller = unique("caller");
		expect(admin(HttpMethod.POST, "/api/v1/admin/users", user(caller, "CALLER", tenant)), 201);
		return caller;
	}

	private static Map<String, Object> user(String id, String role, String tenant) {
		return new HashMap<>(Map.of("id", id, "firstName", "Test", "lastName", "User", "email", id + "@example.org",
				"password", "demo", "role", role, "tenantId", tenant));
	}

	private String report(String tenant, String caller, String summary, String category) throws Exception {
		ResponseEntity<String> created = as("sam", HttpMethod.POST, "/api/v1/incidents", Map.of("tenantId", tenant,
				"callerId", caller, "summary", summary, "category", category, "impact", "LOW", "urgency", "LOW"));
		expect(created, 201);
		return this.json.readTree(created.getBody()).get("number").asText();
	}

	private String taskOf(String number) throws Exception {
		JsonNode tasks = read("demo", "/engine-rest/task?processInstanceBusinessKey=" + number);
		assertThat(tasks.size()).as(tasks.toString()).isEqualTo(1);
		return tasks.get(0).get("id").asText();
	}

	private String taskOf(String number, String definitionKey) throws Exception {
		JsonNode tasks = read("demo",
				"/engine-rest/task?processInstanceBusinessKey=" + number + "&taskDefinitionKey=" + definitionKey);
		assertThat(tasks.size()).as(tasks.toString()).isEqualTo(1);
		return tasks.get(0).get("id").asText();
	}

	private JsonNode incident(String number) throws Exception {
		return read("demo", "/api/v1/incidents/" + number);
	}

	/** Completes a task as Tasklist does, through Camunda's REST API. */
	private ResponseEntity<String> complete(String user, String taskId, Map<String, String> variables) {
		Map<String, Object> typed = new LinkedHashMap<>();
		variables.forEach((name, value) -> typed.put(name, Map.of("value", value, "type", "String")));
		return as(user, HttpMethod.POST, "/engine-rest/task/" + taskId + "/complete", Map.of("variables", typed));
	}

	private String message(ResponseEntity<String> response) throws Exception {
		return this.json.readTree(response.getBody()).get("message").asText();
	}

	private JsonNode read(String user, String path) throws Exception {
		ResponseEntity<String> response = as(user, HttpMethod.GET, path, null);
		expect(response, 200);
		return this.json.readTree(response.getBody());
	}

	private ResponseEntity<String> admin(HttpMethod method, String path, Object body) {
		return as("demo", method, path, body);
	}

	private ResponseEntity<String> as(String user, HttpMethod method, String path, Object body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth(user, "demo");
		headers.setContentType(MediaType.APPLICATION_JSON);
		return this.http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
	}

	private static void expect(ResponseEntity<String> response, int status) {
		assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
	}

	private static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

}

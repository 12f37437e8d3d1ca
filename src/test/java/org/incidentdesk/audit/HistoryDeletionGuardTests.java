package org.incidentdesk.audit;

import org.incidentdesk.TestReports;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.incident.Channel;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentRecords;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.Level;
import org.incidentdesk.incident.ReportIncident;
import org.incidentdesk.incident.process.IncidentProcess.Element;
import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nobody deletes or changes an incident's process history through Camunda's REST API or
 * Cockpit's copy of it, administrators included, and nobody ends an incident's process
 * from outside; reading history and the retention settings stay open.
 */
@IncidentDeskTest
class HistoryDeletionGuardTests {

	private static final String ADMIN = "demo";

	private static final String PROBLEM_TITLE = "The audit trail cannot be changed";

	@Autowired
	TestRestTemplate http;

	@Autowired
	IncidentService incidents;

	@Autowired
	IncidentRecords records;

	@Autowired
	TaskService tasks;

	@Autowired
	HistoryService history;

	@Autowired
	RuntimeService runtime;

	@Autowired
	RepositoryService repository;

	@Test
	void administratorsCannotDeleteOrRetimeTheHistoryOfIncidents() {
		// Given a closed incident and an open one
		String closed = processInstanceOf(closedIncident());
		String open = processInstanceOf(report("Open, history guarded"));
		long closedActivities = activities(closed);

		// When an administrator tries to delete or retime their history, through the
		// REST API, its named-engine path and Cockpit's path
		for (String engine : List.of("/engine-rest", "/engine-rest/engine/default",
				"/camunda/api/engine/engine/default")) {
			assertRefused(call(HttpMethod.DELETE, engine + "/history/process-instance/" + closed, null), "audit trail");
			assertRefused(call(HttpMethod.DELETE,
					engine + "/history/process-instance/" + closed + "/variable-instances", null), "audit trail");
			assertRefused(
					call(HttpMethod.POST, engine + "/history/process-instance/delete",
							Map.of("historicProcessInstanceIds", List.of(closed), "deleteReason", "tidy up")),
					"audit trail");
			assertRefused(call(HttpMethod.POST, engine + "/history/process-instance/set-removal-time",
					Map.of("absoluteRemovalTime", "2000-01-01T00:00:00.000+0000", "historicProcessInstanceIds",
							List.of(closed, open))),
					"audit trail");
			assertRefused(
					call(HttpMethod.POST, engine + "/history/decision-instance/delete", Map
						.of("historicDecisionInstanceQuery", Map.of("processInstanceId", closed), "deleteReason", "x")),
					"audit trail");
		}
		// And spelling the path differently does not get around it
		assertThat(
				call(HttpMethod.DELETE, "/engine-rest//history/process-instance/" + closed + "/", null).getStatusCode()
					.is2xxSuccessful())
			.isFalse();

		// Then nothing is gone, and no removal time was set on the open incident
		assertThat(activities(closed)).isEqualTo(closedActivities);
		assertThat(this.history.createHistoricProcessInstanceQuery()
			.processInstanceId(open)
			.singleResult()
			.getRemovalTime()).isNull();
	}

	@Test
	void administratorsCannotEndAnIncidentsProcessFromOutside() {
		// Given an incident in triage
		Incident incident = report("Not to be deleted");
		String id = processInstanceOf(incident);
		ProcessDefinition definition = this.repository.createProcessDefinitionQuery()
			.processDefinitionKey("IncidentManagement")
			.latestVersion()
			.singleResult();

		// When an administrator deletes its process instance, cancels its activities or
		// deletes the deployment with everything in it
		for (String engine : List.of("/engine-rest", "/camunda/api/engine/engine/default")) {
			assertRefused(call(HttpMethod.DELETE, engine + "/process-instance/" + id, null), "withdraws the incident");
			assertRefused(
					call(HttpMethod.POST, engine + "/process-instance/delete",
							Map.of("processInstanceIds", List.of(id), "deleteReason", "tidy up")),
					"withdraws the incident");
			assertRefused(
					call(HttpMethod.POST, engine + "/process-instance/" + id + "/modification",
							Map.of("instructions",
									List.of(Map.of("type", "cancel", "activityId", Element.TASK_TRIAGE_INCIDENT)))),
					"modification can end");
			assertRefused(
					call(HttpMethod.POST, engine + "/process-instance/" + id + "/modification",
							Map.of("instructions", List
								.of(Map.of("type", "startBeforeActivity", "activityId", "EndEvent_IncidentClosed")))),
					"modification can end");
			assertRefused(call(HttpMethod.POST, engine + "/modification/execute",
					Map.of("processDefinitionId", definition.getId(), "processInstanceIds", List.of(id), "instructions",
							List.of(Map.of("type", "cancel", "activityId", Element.TASK_TRIAGE_INCIDENT)))),
					"modification can end");
			assertRefused(call(HttpMethod.DELETE,
					engine + "/deployment/" + definition.getDeploymentId() + "?cascade=true", null), "cascade=true");
			assertRefused(call(HttpMethod.DELETE,
					engine + "/process-definition/" + definition.getId() + "?cascade=TRUE", null), "cascade=true");
		}

		// Then the process still runs where it was
		assertThat(this.runtime.createProcessInstanceQuery().processInstanceId(id).count()).isEqualTo(1);
		assertThat(this.tasks.createTaskQuery().processInstanceId(id).singleResult().getTaskDefinitionKey())
			.isEqualTo(Element.TASK_TRIAGE_INCIDENT);
		assertThat(this.repository.createDeploymentQuery().deploymentId(definition.getDeploymentId()).count())
			.isEqualTo(1);
		// And its timeline is intact
		assertThat(this.http.withBasicAuth("audrey", "demo")
			.getForObject("/api/v1/incidents/" + incident.number() + "/history/verification", Map.class))
			.containsEntry("intact", true);
	}

	@Test
	void readingHistoryAndTheRetentionSettingsStayOpen() {
		// Given a closed incident
		String closed = processInstanceOf(closedIncident());
		ProcessDefinition definition = this.repository.createProcessDefinitionQuery()
			.processDefinitionKey("IncidentManagement")
			.latestVersion()
			.singleResult();

		// Then its history is read as before, by GET and by a POST query
		assertThat(call(HttpMethod.GET, "/engine-rest/history/process-instance/" + closed, null).getStatusCode())
			.isEqualTo(HttpStatus.OK);
		assertThat(call(HttpMethod.POST, "/engine-rest/history/process-instance", Map.of("processInstanceId", closed))
			.getBody()).contains(closed);
		// And the cleanup window is the configured one
		assertThat(call(HttpMethod.GET, "/engine-rest/history/cleanup/configuration", null).getBody())
			.contains("T01:00:00")
			.contains("T05:00:00");
		// And an administrator may retime a definition's history (here: to what it is)
		assertThat(
				call(HttpMethod.PUT, "/engine-rest/process-definition/" + definition.getId() + "/history-time-to-live",
						Map.of("historyTimeToLive", definition.getHistoryTimeToLive()))
					.getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);
		// And nobody gets in without signing in
		assertThat(
				this.http.getForEntity("/engine-rest/history/process-instance/" + closed, String.class).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	private static void assertRefused(ResponseEntity<String> response, String detail) {
		assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
		assertThat(response.getBody()).contains(PROBLEM_TITLE).contains(detail);
	}

	private ResponseEntity<String> call(HttpMethod method, String url, Object body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return this.http.withBasicAuth(ADMIN, "demo")
			.exchange(url, method, new HttpEntity<>(body, headers), String.class);
	}

	private long activities(String processInstanceId) {
		return this.history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId).count();
	}

	private Incident closedIncident() {
		Incident incident = report("Closed, history guarded");
		String triage = this.tasks.createTaskQuery()
			.processInstanceBusinessKey(incident.number())
			.taskDefinitionKey(Element.TASK_TRIAGE_INCIDENT)
			.singleResult()
			.getId();
		this.tasks.complete(triage, Map.of(Var.TRIAGE_DECISION, "RESOLVE", Var.RESOLUTION_CODE, "USER_ERROR",
				Var.RESOLUTION_NOTES, "Explained the setting."));
		this.incidents.answerResolution(incident.number(), incident.callerId(), true, null);
		return incident;
	}

	private String processInstanceOf(Incident incident) {
		return this.records.get(incident.number()).processInstanceId();
	}

	private Incident report(String summary) {
		return this.incidents
			.report(TestReports.report(summary).description("Reported in a history guard test.").build());
	}

}

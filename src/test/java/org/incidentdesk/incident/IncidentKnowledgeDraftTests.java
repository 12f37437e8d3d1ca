package org.incidentdesk.incident;

import org.incidentdesk.TestReports;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.incident.process.IncidentProcess.Element;
import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The service desk turns a resolution into a draft knowledge article. */
@IncidentDeskTest
class IncidentKnowledgeDraftTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	IncidentService incidents;

	@Autowired
	TaskService tasks;

	@Test
	void staffDraftAnInternalArticleFromAResolvedIncident() {
		// Given a resolved incident
		Incident incident = report("Teams camera shows a black picture");
		String triage = this.tasks.createTaskQuery()
			.processInstanceBusinessKey(incident.number())
			.taskDefinitionKey(Element.TASK_TRIAGE_INCIDENT)
			.singleResult()
			.getId();
		this.tasks.complete(triage, Map.of(Var.TRIAGE_DECISION, "RESOLVE", Var.RESOLUTION_CODE, "SOLVED_PERMANENTLY",
				Var.RESOLUTION_NOTES, "Close other apps that use the camera, then restart Teams."));

		// When the service desk drafts an article from it
		ResponseEntity<Map> draft = this.http.withBasicAuth("sam", "demo")
			.postForEntity("/api/v1/incidents/" + incident.number() + "/knowledge-draft", null, Map.class);

		// Then it is an internal draft with the incident's problem and solution
		assertThat(draft.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(draft.getBody()).containsEntry("state", "DRAFT")
			.containsEntry("visibility", "INTERNAL")
			.containsEntry("title", "Teams camera shows a black picture")
			.containsEntry("resolution", "Close other apps that use the camera, then restart Teams.");
	}

	@Test
	void thereIsNoDraftWithoutAResolutionAndCallersCannotDraft() {
		Incident incident = report("Keyboard layout switches by itself");

		ResponseEntity<String> unresolved = this.http.withBasicAuth("sam", "demo")
			.postForEntity("/api/v1/incidents/" + incident.number() + "/knowledge-draft", null, String.class);
		ResponseEntity<String> byCaller = this.http.withBasicAuth("alice", "demo")
			.postForEntity("/api/v1/incidents/" + incident.number() + "/knowledge-draft", null, String.class);

		assertThat(unresolved.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(unresolved.getBody()).contains("has no resolution yet");
		assertThat(byCaller.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
	}

	@Test
	void theApiDocumentationIsServedToSignedInUsersOnly() {
		ResponseEntity<String> anonymous = this.http.getForEntity("/api/v1/openapi", String.class);
		ResponseEntity<String> openApi = this.http.withBasicAuth("sam", "demo")
			.getForEntity("/api/v1/openapi", String.class);
		ResponseEntity<String> swaggerUi = this.http.withBasicAuth("sam", "demo")
			.getForEntity("/api/v1/docs", String.class);

		assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(openApi.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(openApi.getBody()).contains("/api/v1/incidents")
			.contains("/api/v1/knowledge/search")
			.contains("/api/v1/cmdb/items")
			.contains("/api/v1/alerts");
		assertThat(swaggerUi.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(swaggerUi.getBody()).containsIgnoringCase("swagger");
	}

	private Incident report(String summary) {
		return this.incidents
			.report(TestReports.report(summary).description("Reported in a test.").category("software").build());
	}

}

package org.incidentdesk.portal;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Incidents of the demo world taken to their end through the API, as people would: alice
 * (acme) reports, the response SLA timer fires while nobody picks the incident up (and
 * the overdue response is escalated), sam resolves it at triage, alice confirms, and the
 * incident is closed. For the tests of the auditor's history view.
 */
record ClosedIncidents(TestRestTemplate http, ObjectMapper json, RuntimeService runtime, ManagementService management) {

	static final String RESPONSE_TIMER = "BoundaryEvent_ResponseSlaDue";

	static final String ESCALATION = "Task_EscalateOverdueResponse";

	static final String RESOLUTION_NOTES = "Power cable reseated.";

	/** Reports, lets the response timer fire, resolves at triage and confirms. */
	String closed(String summary) {
		String number = report(summary);
		String processInstanceId = this.runtime.createProcessInstanceQuery()
			.processInstanceBusinessKey(number)
			.singleResult()
			.getId();
		Job timer = this.management.createJobQuery()
			.processInstanceId(processInstanceId)
			.activityId(RESPONSE_TIMER)
			.singleResult();
		this.management.executeJob(timer.getId());
		// the escalation it leads to runs in a job of its own, as the job executor would
		// run it (the job executor is off in the tests)
		this.management.executeJob(this.management.createJobQuery()
			.processInstanceId(processInstanceId)
			.activityId(ESCALATION)
			.singleResult()
			.getId());
		expect(send("sam", HttpMethod.POST, "/api/v1/incidents/" + number + "/resolve",
				Map.of("resolutionCode", "SOLVED_PERMANENTLY", "resolutionNotes", RESOLUTION_NOTES)), 204);
		expect(send("alice", HttpMethod.POST, "/api/v1/incidents/" + number + "/resolution", Map.of("accepted", true)),
				204);
		ResponseEntity<String> closed = send("sam", HttpMethod.GET, "/api/v1/incidents/" + number, null);
		assertThat(read(closed).get("state").asText()).isEqualTo("CLOSED");
		return number;
	}

	/** alice reports an incident of acme. */
	String report(String summary) {
		ResponseEntity<String> response = send("alice", HttpMethod.POST, "/api/v1/incidents",
				Map.of("summary", summary, "category", "hardware", "impact", "LOW", "urgency", "LOW"));
		expect(response, 201);
		return read(response).get("number").asText();
	}

	ResponseEntity<String> send(String user, HttpMethod method, String path, Object body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth(user, "demo");
		headers.setContentType(MediaType.APPLICATION_JSON);
		return this.http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
	}

	private JsonNode read(ResponseEntity<String> response) {
		try {
			return this.json.readTree(response.getBody());
		}
		catch (Exception ex) {
			throw new AssertionError("Not JSON: " + response.getBody(), ex);
		}
	}

	private static void expect(ResponseEntity<String> response, int status) {
		assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
	}

}

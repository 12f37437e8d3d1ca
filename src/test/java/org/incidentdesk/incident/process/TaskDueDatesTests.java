package org.incidentdesk.incident.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import org.incidentdesk.BothDatabases;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.slapolicy.SlaPolicy;
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
 * Every task of an incident carries its SLA in Tasklist's terms, so Tasklist sorts and
 * flags work by it: triage is due when the response is due, the work tasks when the
 * resolution is due, and each follows up at the resolution warning; the caller's
 * confirmation is due when the incident would close by itself. Read as Tasklist reads
 * them, from Camunda's REST API.
 */
@IncidentDeskTest
@BothDatabases
class TaskDueDatesTests {

	private static final DateTimeFormatter ENGINE_REST = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

	@Autowired
	TestRestTemplate http;

	@Autowired
	ObjectMapper json;

	@Autowired
	SlaPolicy sla;

	@Test
	void tasksAreDueWhenTheirSlaIsAndFollowUpAtTheWarning() throws Exception {
		// Given an incident in triage
		String number = body(expect(as("sam", HttpMethod.POST, "/api/v1/incidents",
				Map.of("tenantId", "acme", "callerId", "bob", "summary", "Projector shows no picture", "category",
						"hardware", "impact", "HIGH", "urgency", "MEDIUM")),
				HttpStatus.CREATED))
			.get("number")
			.asText();
		JsonNode incident = incident(number);

		// Then triage is due with the response and follows up at the warning
		JsonNode triage = task(number);
		assertThat(instant(triage, "due")).isEqualTo(slaInstant(incident, "responseDueAt"));
		Instant warning = warningOf(triage);
		assertThat(instant(triage, "followUp")).isEqualTo(warning);
		assertThat(warning).isAfter(slaInstant(incident, "responseDueAt"))
			.isBefore(slaInstant(incident, "resolutionDueAt"));

		// When the service desk escalates it
		expect(complete("sam", triage.get("id").asText(), Map.of("triageDecision", "ESCALATE")), HttpStatus.NO_CONTENT);

		// Then the team's task is due with the resolution, and follows up at the warning
		JsonNode work = task(number);
		assertThat(work.get("taskDefinitionKey").asText()).isEqualTo("Task_WorkOnIncident");
		assertThat(instant(work, "due")).isEqualTo(slaInstant(incident, "resolutionDueAt"));
		assertThat(instant(work, "followUp")).isEqualTo(warning);

		// When the team resolves it
		Instant resolved = Instant.now();
		expect(complete("ivan", work.get("id").asText(), Map.of("supportDecision", "RESOLVE", "resolutionCode",
				"SOLVED_PERMANENTLY", "resolutionNotes", "Replaced the lamp.")), HttpStatus.NO_CONTENT);

		// Then the caller's confirmation is due when the incident would close by itself
		JsonNode confirm = task(number);
		assertThat(confirm.get("taskDefinitionKey").asText()).isEqualTo("Task_ConfirmResolution");
		Duration autoClose = Duration.parse(this.sla.getAutoCloseAfter());
		assertThat(Duration.between(resolved.plus(autoClose), instant(confirm, "due")).abs())
			.isLessThan(Duration.ofMinutes(1));
	}

	private JsonNode task(String number) throws Exception {
		JsonNode tasks = body(
				expect(as("demo", HttpMethod.GET, "/engine-rest/task?processInstanceBusinessKey=" + number, null),
						HttpStatus.OK));
		assertThat(tasks.size()).as(tasks.toString()).isEqualTo(1);
		return tasks.get(0);
	}

	/** The warning time as the process has it (the record's API does not show it). */
	private Instant warningOf(JsonNode task) throws Exception {
		JsonNode variable = body(expect(
				as("demo", HttpMethod.GET,
						"/engine-rest/task/" + task.get("id").asText() + "/variables/resolutionWarningAt", null),
				HttpStatus.OK));
		return instant(variable, "value");
	}

	private JsonNode incident(String number) throws Exception {
		return body(expect(as("sam", HttpMethod.GET, "/api/v1/incidents/" + number, null), HttpStatus.OK));
	}

	/** Tasklist's dates have milliseconds; the record keeps what the database keeps. */
	private static Instant instant(JsonNode node, String field) {
		assertThat(node.get(field).isNull()).as(field + " of " + node).isFalse();
		return OffsetDateTime.parse(node.get(field).asText(), ENGINE_REST).toInstant().truncatedTo(ChronoUnit.SECONDS);
	}

	private static Instant slaInstant(JsonNode incident, String field) {
		return OffsetDateTime.parse(incident.get(field).asText()).toInstant().truncatedTo(ChronoUnit.SECONDS);
	}

	private ResponseEntity<String> complete(String user, String taskId, Map<String, String> variables) {
		Map<String, Object> typed = new LinkedHashMap<>();
		variables.forEach((name, value) -> typed.put(name, Map.of("value", value, "type", "String")));
		return as(user, HttpMethod.POST, "/engine-rest/task/" + taskId + "/complete", Map.of("variables", typed));
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

package org.incidentdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The whole application on a real PostgreSQL (embedded binaries, no Docker) with the
 * {@code postgres} profile: the migrations run, the models deploy, and one incident goes
 * from report to closure over HTTP, through the project's API and Camunda's REST API.
 * Runs in the PostgreSQL test run only ({@link TestDatabase}).
 */
@IncidentDeskTest
@PostgresOnly
class PostgresFullStackTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	JdbcClient jdbc;

	@Test
	void runsOnPostgresql() {
		String product = this.jdbc.sql("select version()").query(String.class).single();
		assertThat(product).startsWith("PostgreSQL");
		assertThat(this.jdbc.sql("select count(*) from flyway_schema_history where success").query(Long.class).single())
			.isPositive();
	}

	@Test
	void drivesAnIncidentFromReportToClosureOverHttp() {
		// Given a caller reports an incident through the API
		ResponseEntity<Map<String, Object>> created = as("alice")
			.exchange(
					"/api/v1/incidents", HttpMethod.POST, new HttpEntity<>(Map.of("summary", "VPN does not connect",
							"category", "network", "ciName", "ACME-VPN", "impact", "MEDIUM", "urgency", "MEDIUM")),
					MAP);
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		String number = (String) created.getBody().get("number");
		assertThat(number).matches("INC\\d{7}");
		assertThat(created.getBody()).containsEntry("state", "NEW").containsEntry("priority", "P3");

		// When a service-desk agent finds the triage task in Camunda's REST API, reads
		// its form
		// and resolves it
		ResponseEntity<String> raw = as("sam").getForEntity("/engine-rest/task?processInstanceBusinessKey=" + number,
				String.class);
		assertThat(raw.getStatusCode()).as(raw.getBody()).isEqualTo(HttpStatus.OK);
		ResponseEntity<List<Map<String, Object>>> tasks = as("sam")
			.exchange("/engine-rest/task?processInstanceBusinessKey=" + number, HttpMethod.GET, null, LIST);
		assertThat(tasks.getBody()).hasSize(1);
		String taskId = (String) tasks.getBody().get(0).get("id");
		assertThat(tasks.getBody().get(0)).containsEntry("taskDefinitionKey", "Task_TriageIncident");
		ResponseEntity<String> form = as("sam").getForEntity("/engine-rest/task/" + taskId + "/deployed-form",
				String.class);
		assertThat(form.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(form.getBody()).contains("\"id\"").contains("triageDecision");
		ResponseEntity<String> refused = as("sam").postForEntity("/engine-rest/task/" + taskId + "/complete",
				Map.of("variables", Map.of("triageDecision", Map.of("value", "RESOLVE"))), String.class);
		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(refused.getBody()).contains("Choose a resolution code").contains("Describe the resolution");
		ResponseEntity<String> completed = as("sam").postForEntity("/engine-rest/task/" + taskId + "/complete",
				Map.of("variables",
						Map.of("triageDecision", Map.of("value", "RESOLVE"), "resolutionCode",
								Map.of("value", "SOLVED_BY_KNOWLEDGE"), "resolutionNotes",
								Map.of("value", "Reinstalled the VPN profile."))),
				String.class);
		assertThat(completed.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

		// And the caller confirms the resolution
		ResponseEntity<String> confirmed = as("alice").postForEntity("/api/v1/incidents/" + number + "/resolution",
				Map.of("accepted", true), String.class);
		assertThat(confirmed.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

		// Then the incident is closed, with its figures
		Map<String, Object> closed = as("sam").exchange("/api/v1/incidents/" + number, HttpMethod.GET, null, MAP)
			.getBody();
		assertThat(closed).containsEntry("state", "CLOSED")
			.containsEntry("closureCode", "CONFIRMED_BY_CALLER")
			.containsEntry("firstContactResolution", true)
			.containsEntry("slaMet", true);
	}

	@Test
	void theEngineRestApiIsNeverOpen() {
		assertThat(this.http.getForEntity("/engine-rest/task", String.class).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(this.http.withBasicAuth("della", "wrong")
			.getForEntity("/engine-rest/task", String.class)
			.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(this.http.getForEntity("/api/v1/incidents/INC0000001", String.class).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(this.http.getForEntity("/actuator/health", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void refusedEngineCallsFromManyUsersAtOnceChangeNothingWhileTheAgentWorks() throws Exception {
		// Given an open incident with its triage task and SLA timers
		ResponseEntity<Map<String, Object>> created = as("alice").exchange(
				"/api/v1/incidents", HttpMethod.POST, new HttpEntity<>(Map.of("summary",
						"Badge reader at the gate is dead", "category", "hardware", "impact", "LOW", "urgency", "LOW")),
				MAP);
		String number = (String) created.getBody().get("number");
		Map<String, Object> task = as("sam")
			.exchange("/engine-rest/task?processInstanceBusinessKey=" + number, HttpMethod.GET, null, LIST)
			.getBody()
			.get(0);
		String taskId = (String) task.get("id");
		String processInstance = (String) task.get("processInstanceId");
		List<Map<String, Object>> timers = as("demo")
			.exchange("/engine-rest/job?timers=true&processInstanceId=" + processInstance, HttpMethod.GET, null, LIST)
			.getBody();
		assertThat(timers).isNotEmpty();
		String job = "/engine-rest/job/" + timers.get(0).get("id");

		// When 24 refused calls (job executions, BPMN errors, variable writes, comments
		// of read-only roles) arrive at once from several users, while the agent
		// completes the task through its checked path
		List<java.util.concurrent.Callable<Integer>> calls = new java.util.ArrayList<>();
		for (int i = 0; i < 6; i++) {
			calls.add(() -> as("ivan").postForEntity(job + "/execute", null, String.class).getStatusCode().value());
			calls.add(() -> as("alice")
				.postForEntity("/engine-rest/task/" + taskId + "/bpmnError", Map.of("errorCode", "X"), String.class)
				.getStatusCode()
				.value());
			calls.add(() -> as("sam")
				.exchange("/engine-rest/task/" + taskId + "/variables/priority", HttpMethod.PUT,
						new HttpEntity<>(Map.of("value", "P1", "type", "String")), String.class)
				.getStatusCode()
				.value());
			calls.add(
					() -> as("audrey")
						.postForEntity("/engine-rest/task/" + taskId + "/comment/create", Map.of("message", "audit"),
								String.class)
						.getStatusCode()
						.value());
		}
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(13);
		try {
			List<java.util.concurrent.Future<Integer>> refusals = calls.stream().map(pool::submit).toList();
			java.util.concurrent.Future<Integer> completion = pool.submit(() -> as("sam")
				.postForEntity("/engine-rest/task/" + taskId + "/complete",
						Map.of("variables",
								Map.of("triageDecision", Map.of("value", "RESOLVE"), "resolutionCode",
										Map.of("value", "SOLVED_WORKAROUND"), "resolutionNotes",
										Map.of("value", "Replaced the reader's fuse."))),
						String.class)
				.getStatusCode()
				.value());

			// Then every refusal is a 403, the completion went through, and the timers
			// kept their retries
			for (java.util.concurrent.Future<Integer> refusal : refusals) {
				assertThat(refusal.get()).isEqualTo(403);
			}
			assertThat(completion.get()).isEqualTo(204);
		}
		finally {
			pool.shutdownNow();
		}
		Map<String, Object> incident = as("sam").exchange("/api/v1/incidents/" + number, HttpMethod.GET, null, MAP)
			.getBody();
		assertThat(incident).containsEntry("state", "RESOLVED")
			.containsEntry("priority", created.getBody().get("priority"));
		assertThat(this.jdbc.sql(
				"select count(*) from act_ru_job where process_instance_id_ = ? and (retries_ < 3 or exception_msg_ is not null)")
			.param(processInstance)
			.query(Long.class)
			.single()).isZero();
	}

	private TestRestTemplate as(String user) {
		return this.http.withBasicAuth(user, "demo");
	}

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
	};

}

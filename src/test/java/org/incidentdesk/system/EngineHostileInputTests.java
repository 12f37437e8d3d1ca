package org.incidentdesk.system;

import org.incidentdesk.TestReports;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.TaskService;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.incident.Channel;
import org.incidentdesk.incident.IncidentRecords;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.Level;
import org.incidentdesk.incident.ReportIncident;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Odd and hostile input to Camunda's REST API and to the webapps' copy of it is answered
 * with a 4xx and a JSON message that says what to change, never with a 500: a JSON body
 * nested 10,000 levels deep, a negative page, an unknown id, a body larger than the
 * limit, the deletion of a process's task, a task outcome the process refuses. And
 * {@code /error}, asked for directly, is not there.
 */
@IncidentDeskTest
class EngineHostileInputTests {

	private static final String WEBAPP_ENGINE = "/camunda/api/engine/engine/default";

	private static final String DEEP = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);

	/** One byte over the engine API's limit (incident-desk.engine-api.max-body-size). */
	private static final int TOO_LARGE = 11 * 1024 * 1024 + 1;

	@Autowired
	TestRestTemplate http;

	@Autowired
	ObjectMapper json;

	@Autowired
	IncidentService incidents;

	@Autowired
	IncidentRecords records;

	@Autowired
	TaskService tasks;

	@LocalServerPort
	int port;

	/** The triage task of an Acme incident, which the service desk (sam) works on. */
	private String task;

	private WebappSession tasklist;

	/**
	 * A task of no incident (sam's own to-do): writes of variables on an incident's task
	 * are refused before the engine reads them (EngineSurfaceGuardTests), so bad bodies
	 * are sent to this one.
	 */
	private String standalone;

	@BeforeEach
	void anAcmeIncidentWaitsForTriage() {
		String number = this.incidents
			.report(TestReports.report("Scanner on floor 3 is offline").description("No light at all.").build())
			.number();
		String process = this.records.get(number).processInstanceId();
		this.task = this.tasks.createTaskQuery().processInstanceId(process).singleResult().getId();
		org.camunda.bpm.engine.task.Task todo = this.tasks.newTask();
		todo.setName("Call the scanner vendor");
		todo.setAssignee("sam");
		this.tasks.saveTask(todo);
		this.standalone = todo.getId();
		this.tasklist = WebappSession.signIn(this.http, "tasklist", "sam", "demo");
		assertThat(this.tasklist.status()).isEqualTo(200);
	}

	@Test
	void aJsonBodyNestedTenThousandLevelsDeepIsABadRequest() throws Exception {
		// When a task query and a change of task variables come nested 10,000 levels deep
		List<ResponseEntity<String>> answers = List.of(engineRest("demo", HttpMethod.POST, "/task", DEEP),
				engineRest("demo", HttpMethod.POST, "/task/" + this.standalone + "/variables", DEEP),
				this.tasklist.send(HttpMethod.POST, WEBAPP_ENGINE + "/task", DEEP));

		// Then each is refused as too deep, and the task has no new variable
		for (ResponseEntity<String> answer : answers) {
			assertAnswer(answer, 400, "The JSON body is nested more than 1000 levels deep");
		}
		assertThat(this.tasks.getVariable(this.standalone, "a")).isNull();
	}

	@Test
	void aPageThatIsNotAWholeNumberFromZeroUpIsABadRequest() throws Exception {
		assertAnswer(engineRest("sam", HttpMethod.GET, "/task?firstResult=-5", null), 400,
				"firstResult must be a whole number from 0 up, not '-5'.");
		assertAnswer(engineRest("sam", HttpMethod.GET, "/task?firstResult=0&maxResults=-1", null), 400,
				"maxResults must be a whole number from 0 up, not '-1'.");
		assertAnswer(engineRest("sam", HttpMethod.POST, "/task?maxResults=-1", "{}"), 400,
				"maxResults must be a whole number from 0 up, not '-1'.");
		assertAnswer(engineRest("sam", HttpMethod.GET, "/task?maxResults=ten", null), 400,
				"maxResults must be a whole number from 0 up, not 'ten'.");
		assertAnswer(this.tasklist.get(WEBAPP_ENGINE + "/task?firstResult=-5"), 400,
				"firstResult must be a whole number from 0 up, not '-5'.");
		// And a valid page is still a page
		assertThat(engineRest("sam", HttpMethod.GET, "/task?firstResult=0&maxResults=1", null).getStatusCode().value())
			.isEqualTo(200);
	}

	@Test
	void aBodyOfTheWrongShapeIsABadRequestThatSaysSo() throws Exception {
		// Camunda's and Jackson's own answers to it are plain text, or an empty message
		String wrong = "{\"modifications\": 5}";
		for (ResponseEntity<String> answer : List
			.of(engineRest("demo", HttpMethod.POST, "/task/" + this.standalone + "/variables", wrong), this.tasklist
				.send(HttpMethod.POST, WEBAPP_ENGINE + "/task/" + this.standalone + "/variables", wrong))) {
			assertAnswer(answer, 400, "The request cannot be read");
		}
	}

	@Test
	void theVariablesOfAnUnknownIdAreNotFound() throws Exception {
		for (String path : List.of("/process-instance/%s/variables", "/task/%s/variables")) {
			String unknown = UUID.randomUUID().toString();
			String kind = path.startsWith("/task") ? "task" : "process instance";
			String message = "There is no " + kind + " with id '" + unknown + "'";
			assertAnswer(engineRest("demo", HttpMethod.GET, path.formatted(unknown), null), 404, message);
			assertAnswer(this.tasklist.get(WEBAPP_ENGINE + path.formatted(unknown)), 404, message);
		}
	}

	@Test
	void aTaskOfARunningProcessIsCompletedNotDeleted() throws Exception {
		// When an administrator and the service desk delete the triage task (an
		// incident's task: the engine surface guard refuses it before the engine does)
		String completeIt = "A process task ends only when it is completed with its form";
		assertAnswer(engineRest("demo", HttpMethod.DELETE, "/task/" + this.task, null), 403, completeIt);
		assertAnswer(this.tasklist.send(HttpMethod.DELETE, WEBAPP_ENGINE + "/task/" + this.task), 403, completeIt);

		// Then it is still there; and an unknown task is not found, not deleted
		assertThat(this.tasks.createTaskQuery().taskId(this.task).count()).isEqualTo(1);
		String unknown = UUID.randomUUID().toString();
		assertAnswer(engineRest("demo", HttpMethod.DELETE, "/task/" + unknown, null), 404,
				"There is no task with id '" + unknown + "'");
	}

	@Test
	void anOutcomeTheProcessRefusesIsABadRequestInTasklistAsInTheRestApi() throws Exception {
		// When the service desk completes triage with a decision the process does
		// not know
		String nonsense = "{\"variables\":{\"triageDecision\":{\"value\":\"NONSENSE\"}}}";
		String refusal = "Triage incident: Choose what happens next";
		assertAnswer(
				this.tasklist.send(HttpMethod.POST, WEBAPP_ENGINE + "/task/" + this.task + "/submit-form", nonsense),
				400, refusal);
		assertAnswer(engineRest("sam", HttpMethod.POST, "/task/" + this.task + "/complete", nonsense), 400, refusal);

		// Then the task waits as before
		assertThat(this.tasks.createTaskQuery().taskId(this.task).count()).isEqualTo(1);
	}

	@Test
	void aBodyLargerThanTheLimitIsRefusedWhetherOrNotItsLengthIsGiven() throws Exception {
		String large = "{\"modifications\":{\"big\":{\"value\":\"" + "x".repeat(TOO_LARGE) + "\"}}}";
		String limit = "The request body is larger than 11 MB";

		// With its length given, it is refused before it is read
		assertAnswer(engineRest("demo", HttpMethod.POST, "/task/" + this.standalone + "/variables", large), 413, limit);
		assertAnswer(
				this.tasklist.send(HttpMethod.POST, WEBAPP_ENGINE + "/task/" + this.standalone + "/variables", large),
				413, limit);

		// Sent in chunks, without a length, it is refused once the limit is read
		InputStream chunks = new SequenceInputStream(new ByteArrayInputStream(large.getBytes(StandardCharsets.UTF_8)),
				InputStream.nullInputStream());
		HttpResponse<String> chunked = HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(URI
					.create("http://localhost:" + this.port + "/engine-rest/task/" + this.standalone + "/variables"))
				.header(HttpHeaders.AUTHORIZATION,
						"Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes(StandardCharsets.UTF_8)))
				.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
				.POST(HttpRequest.BodyPublishers.ofInputStream(() -> chunks))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);
		assertThat(this.json.readTree(chunked.body()).get("message").asText()).startsWith(limit);
		assertThat(this.tasks.getVariable(this.standalone, "big")).isNull();
	}

	@Test
	void theErrorPathAskedForDirectlyIsNotThere() throws Exception {
		for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.POST)) {
			// When somebody who is not signed in asks for /error
			ResponseEntity<String> answer = this.http.exchange("/error", method, HttpEntity.EMPTY, String.class);

			// Then there is nothing there
			assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(404);
			assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(this.json.readTree(answer.getBody()).get("detail").asText())
				.contains("There is nothing at /error");
		}
		// And a refused request is still answered as a problem detail
		ResponseEntity<String> refused = this.http.getForEntity("/api/v1/incidents", String.class);
		assertThat(refused.getStatusCode().value()).isEqualTo(401);
		assertThat(refused.getBody()).contains("\"status\":401").contains("\"instance\":\"/api/v1/incidents\"");
	}

	private void assertAnswer(ResponseEntity<String> answer, int status, String message) throws Exception {
		assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(status);
		MediaType type = answer.getHeaders().getContentType();
		assertThat(type.isCompatibleWith(MediaType.APPLICATION_JSON)
				|| type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.as(type.toString())
			.isTrue();
		JsonNode body = this.json.readTree(answer.getBody());
		assertThat(body.get("message").asText()).startsWith(message);
	}

	private ResponseEntity<String> engineRest(String user, HttpMethod method, String path, String body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth(user, "demo");
		headers.setContentType(MediaType.APPLICATION_JSON);
		return this.http.exchange("/engine-rest" + path, method, new HttpEntity<>(body, headers), String.class);
	}

}

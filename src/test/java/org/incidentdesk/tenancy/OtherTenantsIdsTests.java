package org.incidentdesk.tenancy;

import org.incidentdesk.TestReports;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.incident.Channel;
import org.incidentdesk.incident.IncidentRecords;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.Level;
import org.incidentdesk.incident.ReportIncident;
import org.incidentdesk.system.WebappSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A guessed id of another tenant's process instance, execution or task answers exactly as
 * an id that does not exist, in Camunda's REST API and in the webapps' copy of it: same
 * status, same body but for the id. Otherwise the difference (Camunda's tenant check
 * answered 500 "ENGINE-13034 … belongs to no authenticated tenant", an unknown id 404 or
 * a different 500) tells that the id exists. The user is a technician of Acme (tom), who
 * serves Acme only; the ids are Globex's.
 */
@IncidentDeskTest
class OtherTenantsIdsTests {

	private static final String ENGINE_REST = "/engine-rest";

	private static final String WEBAPP_ENGINE = "/camunda/api/engine/engine/default";

	private static final String SUMMARY = "Till in store 9 does not start";

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

	@Autowired
	RuntimeService runtime;

	/** Globex's incident: its process instance (also an execution) and triage task. */
	private String process;

	private String task;

	private WebappSession tasklist;

	@BeforeEach
	void aGlobexCallerReportsAnIncident() {
		String number = this.incidents
			.report(TestReports.report(SUMMARY).by("globex", "citra").description("It shows a red light.").build())
			.number();
		this.process = this.records.get(number).processInstanceId();
		this.task = this.tasks.createTaskQuery().processInstanceId(this.process).singleResult().getId();
		this.tasklist = WebappSession.signIn(this.http, "tasklist", "tom", "demo");
		assertThat(this.tasklist.status()).isEqualTo(200);
	}

	@TestFactory
	Stream<DynamicTest> anotherTenantsIdAnswersAsAnUnknownIdInCamundasRestApi() {
		return cases(ENGINE_REST);
	}

	@TestFactory
	Stream<DynamicTest> anotherTenantsIdAnswersAsAnUnknownIdInTheWebapps() {
		return cases(WEBAPP_ENGINE);
	}

	private void nothingOfGlobexChanged() {
		// The writes were refused: the variable, the task and its assignee are as
		// they were
		assertThat(this.runtime.getVariable(this.process, "summary")).isEqualTo(SUMMARY);
		assertThat(this.runtime.getVariable(this.process, "hijacked")).isNull();
		Task triage = this.tasks.createTaskQuery().taskId(this.task).singleResult();
		assertThat(triage).isNotNull();
		assertThat(triage.getAssignee()).isNull();
	}

	private Stream<DynamicTest> cases(String engine) {
		List<Call> calls = new ArrayList<>();
		for (String path : List.of("process-instance/%s", "process-instance/%s/activity-instances",
				"process-instance/%s/variables", "process-instance/%s/variables/summary",
				"process-instance/%s/variables/summary/data", "execution/%s/localVariables",
				"execution/%s/localVariables/summary")) {
			calls.add(new Call(HttpMethod.GET, path, this.process, null));
		}
		calls.add(new Call(HttpMethod.PUT, "process-instance/%s/variables/summary", this.process,
				"{\"value\":\"Hijacked\",\"type\":\"String\"}"));
		calls.add(new Call(HttpMethod.POST, "process-instance/%s/variables", this.process,
				"{\"modifications\":{\"hijacked\":{\"value\":\"yes\",\"type\":\"String\"}}}"));
		for (String path : List.of("task/%s", "task/%s/variables", "task/%s/variables/summary",
				"task/%s/localVariables/summary", "task/%s/form-variables", "task/%s/identity-links")) {
			calls.add(new Call(HttpMethod.GET, path, this.task, null));
		}
		calls.add(new Call(HttpMethod.POST, "task/%s/complete", this.task, "{}"));
		calls.add(new Call(HttpMethod.POST, "task/%s/claim", this.task, "{\"userId\":\"tom\"}"));
		calls.add(new Call(HttpMethod.DELETE, "task/%s", this.task, null));
		Stream<DynamicTest> tests = calls.stream()
			.map(call -> DynamicTest.dynamicTest(call.method() + " " + engine + "/" + call.path(),
					() -> answersAsAnUnknownId(engine, call)));
		return Stream.concat(tests,
				Stream.of(DynamicTest.dynamicTest("nothing of Globex changed", this::nothingOfGlobexChanged)));
	}

	private void answersAsAnUnknownId(String engine, Call call) throws Exception {
		// When the Acme technician sends it with Globex's id and with an id that
		// names nothing
		String unknown = UUID.randomUUID().toString();
		ResponseEntity<String> other = send(engine, call, call.id());
		ResponseEntity<String> none = send(engine, call, unknown);

		// Then both answer 404 with the same message, naming their id
		assertThat(none.getStatusCode().value()).as("unknown id: " + none.getBody()).isEqualTo(404);
		assertThat(other.getStatusCode().value()).as("Globex's id: " + other.getBody()).isEqualTo(404);
		assertThat(other.getBody().replace(call.id(), "{id}")).isEqualTo(none.getBody().replace(unknown, "{id}"));
		JsonNode body = this.json.readTree(other.getBody());
		assertThat(body.get("message").asText()).contains(call.id())
			.contains("customer organisation you do not serve")
			.doesNotContain("ENGINE-");
	}

	private ResponseEntity<String> send(String engine, Call call, String id) {
		String path = engine + "/" + call.path().formatted(id);
		if (engine.equals(WEBAPP_ENGINE)) {
			return this.tasklist.send(call.method(), path, call.body());
		}
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth("tom", "demo");
		headers.setContentType(MediaType.APPLICATION_JSON);
		return this.http.exchange(path, call.method(), new HttpEntity<>(call.body(), headers), String.class);
	}

	/** A request with Globex's id in its path. */
	record Call(HttpMethod method, String path, String id, String body) {

	}

}

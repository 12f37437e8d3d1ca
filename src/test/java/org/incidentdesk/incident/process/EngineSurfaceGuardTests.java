package org.incidentdesk.incident.process;

import org.incidentdesk.TestReports;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.incident.Activity;
import org.incidentdesk.incident.Activity.Visibility;
import org.incidentdesk.incident.Channel;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentRecords;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.IncidentState;
import org.incidentdesk.incident.Level;
import org.incidentdesk.incident.ReportIncident;
import org.incidentdesk.incident.process.IncidentProcess.Element;
import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.incidentdesk.system.WebappSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nobody moves an incident except through its process's checked paths: every way into the
 * engine from outside (tasks, variables, BPMN errors, jobs, comments, identity queries),
 * tried through {@code /engine-rest} and the webapps' copy of it, as each role it
 * concerns, with a read-back showing that a refusal changed nothing.
 */
@IncidentDeskTest
class EngineSurfaceGuardTests {

	private static final String REST = "/engine-rest";

	private static final String WEBAPP = "/camunda/api/engine/engine/default";

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

	@Autowired
	ManagementService management;

	@Autowired
	IdentityService identity;

	// Finding 1: a refused job execution used up the job's retries

	@Test
	void onlyAdministratorsChangeJobsAndARefusalCostsTheJobNothing() throws Exception {
		Incident incident = report("Jobs are the SLA clock");
		Job timer = this.management.createJobQuery().processInstanceId(processOf(incident)).timers().list().get(0);
		String execute = REST + "/job/" + timer.getId() + "/execute";

		for (int attempt = 0; attempt < 4; attempt++) {
			assertRefused(call("ivan", HttpMethod.POST, execute, null), 403, "Only administrators");
			assertRefused(call("audrey", HttpMethod.POST, execute, null), 403, "Auditors");
			assertRefused(call("alice", HttpMethod.POST, execute, null), 403, "Callers use the portal");
		}
		// Another tenant's job answers as a job that does not exist
		ResponseEntity<String> otherTenant = call("tari", HttpMethod.POST, execute, null);
		ResponseEntity<String> unknown = call("tari", HttpMethod.POST, REST + "/job/no-such-job/execute", null);
		assertThat(otherTenant.getStatusCode().value()).isEqualTo(404);
		assertThat(unknown.getStatusCode().value()).isEqualTo(404);
		assertThat(message(otherTenant).replace(timer.getId(), "ID"))
			.isEqualTo(message(unknown).replace("no-such-job", "ID"));
		assertRefused(call("ivan", HttpMethod.PUT, REST + "/job/" + timer.getId() + "/retries", Map.of("retries", 0)),
				403, "Only administrators");
		assertRefused(call("sam", HttpMethod.PUT, REST + "/job/" + timer.getId() + "/duedate",
				Map.of("duedate", "2030-01-01T00:00:00.000+0000")), 403, "Only administrators");

		Job after = this.management.createJobQuery().jobId(timer.getId()).singleResult();
		assertThat(after.getRetries()).isEqualTo(timer.getRetries());
		assertThat(after.getExceptionMessage()).isNull();
		assertThat(after.getDuedate()).isEqualTo(timer.getDuedate());

		// An administrator may, and the change is on the incident's timeline
		assertThat(call("demo", HttpMethod.PUT, REST + "/job/" + timer.getId() + "/retries", Map.of("retries", 5))
			.getStatusCode()
			.value()).isEqualTo(204);
		assertThat(this.management.createJobQuery().jobId(timer.getId()).singleResult().getRetries()).isEqualTo(5);
		assertThat(internalTimeline(incident)).anyMatch(entry -> entry.contains("Administrator demo set the retries")
				&& entry.contains(timer.getId()) && entry.endsWith("to 5 through the engine."));
		// A job without a due date would never be taken again
		// (ensure-job-due-date-not-null)
		Date dueBefore = this.management.createJobQuery().jobId(timer.getId()).singleResult().getDuedate();
		Map<String, Object> noDueDate = new HashMap<>();
		noDueDate.put("duedate", null);
		assertRefused(call("demo", HttpMethod.PUT, REST + "/job/" + timer.getId() + "/duedate", noDueDate), 400,
				"A job needs a due date");
		assertRefused(call("demo", HttpMethod.PUT, REST + "/job/" + timer.getId() + "/duedate", Map.of()), 400,
				"A job needs a due date");
		assertThat(this.management.createJobQuery().jobId(timer.getId()).singleResult().getDuedate())
			.isEqualTo(dueBefore);
		assertThat(call("demo", HttpMethod.PUT, REST + "/job/" + timer.getId() + "/duedate",
				Map.of("duedate", "2030-01-01T00:00:00.000+0000"))
			.getStatusCode()
			.value()).isEqualTo(204);
		assertThat(this.management.createJobQuery().jobId(timer.getId()).singleResult().getDuedate())
			.isEqualTo(Date.from(Instant.parse("2030-01-01T00:00:00Z")));
		// Bulk changes would not be recorded per incident
		assertRefused(call("demo", HttpMethod.POST, REST + "/job/retries",
				Map.of("jobIds", List.of(timer.getId()), "retries", 0)), 403, "one at a time");
		assertThat(this.management.createJobQuery().jobId(timer.getId()).singleResult().getRetries()).isEqualTo(5);
	}

	// Finding 2: callers read internal work notes; and callers have no engine
	// surface at all

	@Test
	void callersHaveNoEngineSurfaceAtAll() {
		Incident incident = report("Callers stay in the portal");
		this.incidents.comment(incident.number(), "sam", "Internal: the vendor owes us a patch", Visibility.INTERNAL);
		String task = triageTask(incident).getId();

		for (String path : List.of(REST + "/task?assignee=alice", REST + "/task/" + task + "/variables",
				REST + "/process-instance?businessKey=" + incident.number(), REST + "/group?member=alice")) {
			assertRefused(call("alice", HttpMethod.GET, path, null), 403, "Callers use the portal");
		}
		// No webapp sign-in either, the welcome app included; a wrong password is
		// answered as for anybody
		for (String app : List.of("welcome", "tasklist", "cockpit")) {
			assertThat(webappLogin(app, "alice", "demo").getStatusCode().value()).isEqualTo(403);
		}
		assertThat(webappLogin("welcome", "sam", "demo").getStatusCode().value()).isEqualTo(200);
		// (a caller of its own: a wrong password locks the account for a few seconds)
		if (this.identity.createUserQuery().userId("guard-caller").count() == 0) {
			User caller = this.identity.newUser("guard-caller");
			caller.setPassword("demo");
			this.identity.saveUser(caller);
			this.identity.createMembership("guard-caller", "customers");
		}
		assertThat(webappLogin("welcome", "guard-caller", "wrong").getStatusCode().value()).isEqualTo(401);
	}

	@Test
	void theCallersOwnTaskCarriesNoWorkNotes() {
		Incident incident = report("Work notes stay internal");
		this.incidents.comment(incident.number(), "sam", "Internal: blame the proxy", Visibility.INTERNAL);
		Task triage = triageTask(incident);

		this.tasks.complete(triage.getId(), Map.of(Var.TRIAGE_DECISION, "RESOLVE", Var.RESOLUTION_CODE,
				"SOLVED_WORKAROUND", Var.RESOLUTION_NOTES, "Restarted the proxy."));
		Task confirm = this.tasks.createTaskQuery()
			.processInstanceId(processOf(incident))
			.taskDefinitionKey(Element.TASK_CONFIRM_RESOLUTION)
			.singleResult();
		assertThat((String) this.tasks.getVariableLocal(confirm.getId(), Var.INCIDENT_HISTORY))
			.contains("Restarted the proxy")
			.doesNotContain("blame the proxy");
	}

	// Findings 3 and 4: callers and staff change or end the process

	@Test
	void processTasksAreNotEndedOrRewrittenFromOutside() {
		Incident incident = report("Only checked completions");
		Task triage = triageTask(incident);
		String task = REST + "/task/" + triage.getId();
		String process = REST + "/process-instance/" + triage.getProcessInstanceId();
		Object reopenCount = this.runtime.getVariable(triage.getProcessInstanceId(), Var.REOPEN_COUNT);

		for (String base : List.of(REST, WEBAPP)) {
			String taskPath = base + "/task/" + triage.getId();
			assertRefused(as("sam", base, HttpMethod.POST, taskPath + "/bpmnError", Map.of("errorCode", "X")), 403,
					"completed with its form");
			assertRefused(
					as("sam", base, HttpMethod.POST, taskPath + "/bpmnError",
							Map.of("errorCode", IncidentProcess.Error.INCIDENT_CANCELLED)),
					403, "completed with its form");
			assertRefused(as("sam", base, HttpMethod.POST, taskPath + "/bpmnEscalation", Map.of("escalationCode", "X")),
					403, "completed with its form");
			assertRefused(as("sam", base, HttpMethod.DELETE, taskPath, null), 403, "completed with its form");
			assertRefused(as("sam", base, HttpMethod.PUT, taskPath + "/variables/reopenCount",
					Map.of("value", 7, "type", "Integer")), 403, "mirror its record");
			assertRefused(
					as("sam", base, HttpMethod.POST, taskPath + "/localVariables",
							Map.of("modifications", Map.of("priority", Map.of("value", "P1")))),
					403, "mirror its record");
			assertRefused(as("sam", base, HttpMethod.PUT,
					base + "/execution/" + triage.getExecutionId() + "/localVariables/assignedGroup",
					Map.of("value", "vendor-systems", "type", "String")), 403, "mirror its record");
			assertRefused(as("demo", base, HttpMethod.POST, base + "/execution/" + triage.getExecutionId() + "/signal",
					Map.of()), 403, "signalled");
			assertRefused(as("demo", base, HttpMethod.PUT,
					base + "/process-instance/" + triage.getProcessInstanceId() + "/variables/priority",
					Map.of("value", "P1", "type", "String")), 403, "mirror its record");
			// A completion sets its form's fields, nothing else
			assertRefused(as("sam", base, HttpMethod.POST, taskPath + "/complete", Map.of("variables",
					Map.of(Var.TRIAGE_DECISION, value("RESOLVE"), Var.RESOLUTION_CODE, value("SOLVED_WORKAROUND"),
							Var.RESOLUTION_NOTES, value("Done."), Var.PRIORITY, value("P1")))),
					403, "priority is not among them");
			// Starting an incident's process by hand would leave its record behind
			assertRefused(
					as("demo", base, HttpMethod.POST,
							base + "/process-definition/key/" + IncidentProcess.PROCESS_ID + "/start", Map.of()),
					403, "/api/v1/incidents");
			assertRefused(
					as("demo", base, HttpMethod.POST, base + "/message", Map.of("messageName",
							IncidentProcess.Message.INCIDENT_WITHDRAWN, "businessKey", incident.number())),
					403, "messaged");
		}
		// Nothing changed
		assertThat(this.tasks.createTaskQuery().taskId(triage.getId()).count()).isOne();
		assertThat(this.runtime.getVariable(triage.getProcessInstanceId(), Var.REOPEN_COUNT)).isEqualTo(reopenCount);
		assertThat(this.runtime.getVariable(triage.getProcessInstanceId(), Var.PRIORITY))
			.isEqualTo(this.records.get(incident.number()).priority());
		assertThat(this.records.get(incident.number()).state()).isEqualTo(incident.state());
		assertThat(call("sam", HttpMethod.GET, process, null).getStatusCode().value()).isEqualTo(200);

		// The checked completion works, read-only fields sent back unchanged included (as
		// Tasklist sends them)
		ResponseEntity<String> completed = call("sam", HttpMethod.POST, task + "/complete",
				Map.of("variables",
						Map.of(Var.TRIAGE_DECISION, value("RESOLVE"), Var.RESOLUTION_CODE, value("SOLVED_WORKAROUND"),
								Var.RESOLUTION_NOTES, value("Cleared the queue."), Var.INCIDENT_NUMBER,
								value(incident.number()), Var.SUMMARY, value(incident.summary()))));
		assertThat(completed.getStatusCode().value()).as(completed.getBody()).isEqualTo(204);
		assertThat(this.records.get(incident.number()).state()).isEqualTo(IncidentState.RESOLVED);
	}

	@Test
	void aReadOnlyFieldSentBackChangedIsRefused() {
		Incident incident = report("Read-only means read-only");
		Task triage = triageTask(incident);
		assertRefused(
				call("sam", HttpMethod.POST, REST + "/task/" + triage.getId() + "/submit-form", Map.of("variables",
						Map.of(Var.TRIAGE_DECISION, value("RESOLVE"), Var.RESOLUTION_CODE, value("SOLVED_WORKAROUND"),
								Var.RESOLUTION_NOTES, value("Done."), Var.SUMMARY, value("Something else entirely")))),
				403, "summary is not among them");
		assertThat(this.runtime.getVariable(triage.getProcessInstanceId(), Var.SUMMARY)).isEqualTo(incident.summary());
		assertThat(this.tasks.createTaskQuery().taskId(triage.getId()).count()).isOne();
	}

	// Finding 5: read-only roles write

	@Test
	void readOnlyRolesWriteNothingOnTasks() throws Exception {
		Incident incident = report("Overseers only read");
		Task triage = triageTask(incident);
		String task = "/task/" + triage.getId();
		for (String base : List.of(REST, WEBAPP)) {
			for (String user : List.of("audrey", "ines", "della")) {
				ResponseEntity<String> comment = as(user, base, HttpMethod.POST, base + task + "/comment/create",
						Map.of("message", "I was here"));
				assertThat(comment.getStatusCode().value()).as(user + " " + base).isIn(403, 404);
				ResponseEntity<String> claim = as(user, base, HttpMethod.POST, base + task + "/claim",
						Map.of("userId", user));
				assertThat(claim.getStatusCode().value()).as(user + " " + base).isIn(403, 404);
			}
		}
		assertThat(this.tasks.getTaskComments(triage.getId())).isEmpty();

		// An update of the task moves its dates, not its owner, name or priority
		JsonNode current = this.json.readTree(call("sam", HttpMethod.GET, REST + task, null).getBody());
		Map<String, Object> update = new java.util.HashMap<>();
		for (String field : List.of("name", "description", "priority", "assignee", "owner", "delegationState",
				"followUp", "parentTaskId", "caseInstanceId", "tenantId")) {
			update.put(field, this.json.convertValue(current.get(field), Object.class));
		}
		update.put("owner", "audrey");
		assertRefused(call("sam", HttpMethod.PUT, REST + task, update), 403, "owner belongs to the process");
		update.put("owner", null);
		update.put("due", "2030-01-01T09:00:00.000+0000");
		ResponseEntity<String> moved = call("sam", HttpMethod.PUT, REST + task, update);
		assertThat(moved.getStatusCode().value()).as(moved.getBody()).isEqualTo(204);
		Task updated = this.tasks.createTaskQuery().taskId(triage.getId()).singleResult();
		assertThat(updated.getOwner()).isNull();
		assertThat(updated.getDueDate()).isNotNull();
		assertThat(updated.getName()).isEqualTo(triage.getName());
		assertThat(this.tasks.createTaskQuery().taskId(triage.getId()).singleResult().getAssignee()).isNull();

		// The task's candidates do work on it, but give it only to another candidate
		assertRefused(call("sam", HttpMethod.POST, REST + task + "/assignee", Map.of("userId", "alice")), 403,
				"not a candidate");
		assertThat(call("sam", HttpMethod.POST, REST + task + "/assignee", Map.of("userId", "sari")).getStatusCode()
			.value()).isEqualTo(204);
		assertThat(this.tasks.createTaskQuery().taskId(triage.getId()).singleResult().getAssignee()).isEqualTo("sari");
	}

	// Finding 8: users of other tenants can be enumerated

	@Test
	void groupAndIdentityQueriesAboutOthersAnswerAsForAnUnknownUser() throws Exception {
		for (String user : List.of("sam", "tari", "ivan")) {
			assertThat(body(user, REST + "/group?member=alice")).isEqualTo(body(user, REST + "/group?member=nobody"))
				.isEqualTo("[]");
			assertThat(body(user, REST + "/group/count?member=alice"))
				.isEqualTo(body(user, REST + "/group/count?member=nobody"));
			assertThat(body(user, REST + "/identity/groups?userId=alice"))
				.isEqualTo(body(user, REST + "/identity/groups?userId=nobody"));
			assertThat(body(user, REST + "/tenant?userMember=alice"))
				.isEqualTo(body(user, REST + "/tenant?userMember=nobody"));
		}
		for (String user : List.of("sam", "tari")) {
			for (String path : List.of("/user/%s/profile", "/user?id=%s", "/user/count?id=%s", "/tenant?userMember=%s",
					"/group/count?member=%s")) {
				ResponseEntity<String> other = call(user, HttpMethod.GET, REST + path.formatted("alice"), null);
				ResponseEntity<String> unknown = call(user, HttpMethod.GET, REST + path.formatted("nobody"), null);
				assertThat(other.getStatusCode()).as(path).isEqualTo(unknown.getStatusCode());
				assertThat(other.getBody().replace("alice", "ID")).as(path)
					.isEqualTo(unknown.getBody().replace("nobody", "ID"));
			}
		}
		// One's own groups, as Tasklist asks for them, and an administrator's view stay
		assertThat(body("sam", REST + "/identity/groups?userId=sam")).contains("service-desk");
		assertThat(body("demo", REST + "/group?member=alice")).contains("customers");
	}

	private void assertRefused(ResponseEntity<String> response, int status, String why) {
		assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
		assertThat(response.getHeaders().getContentType()).isNotNull();
		assertThat(response.getBody()).contains(why);
	}

	private ResponseEntity<String> call(String user, HttpMethod method, String path, Object body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth(user, "demo");
		headers.setContentType(MediaType.APPLICATION_JSON);
		return this.http.exchange(path, method, new HttpEntity<>(toJson(body), headers), String.class);
	}

	/** Through {@code /engine-rest} with Basic, or through Tasklist's session. */
	private ResponseEntity<String> as(String user, String base, HttpMethod method, String path, Object body) {
		if (base.equals(REST)) {
			return call(user, method, path, body);
		}
		String app = user.equals("demo") ? "cockpit"
				: (user.equals("audrey") || user.equals("della")) ? "cockpit" : "tasklist";
		WebappSession session = WebappSession.signIn(this.http, app, user, "demo");
		assertThat(session.status()).as(user + " signs in to " + app).isEqualTo(200);
		return session.send(method, path, (body != null) ? toJson(body) : null);
	}

	private ResponseEntity<String> webappLogin(String app, String user, String password) {
		ResponseEntity<String> start = this.http.getForEntity("/camunda/app/" + app + "/default/", String.class);
		String cookies = String.join("; ",
				start.getHeaders()
					.getOrEmpty(HttpHeaders.SET_COOKIE)
					.stream()
					.map(cookie -> cookie.substring(0, cookie.indexOf(';')))
					.toList());
		String xsrf = cookies.replaceAll(".*XSRF-TOKEN=([^;]*).*", "$1");
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
		headers.add("X-XSRF-TOKEN", xsrf);
		headers.add(HttpHeaders.COOKIE, cookies);
		var form = new LinkedMultiValueMap<String, String>();
		form.add("username", user);
		form.add("password", password);
		return this.http.postForEntity("/camunda/api/admin/auth/user/default/login/" + app,
				new HttpEntity<>(form, headers), String.class);
	}

	private String body(String user, String path) {
		ResponseEntity<String> response = call(user, HttpMethod.GET, path, null);
		assertThat(response.getStatusCode().value()).as(path + " " + response.getBody()).isEqualTo(200);
		return response.getBody();
	}

	private String message(ResponseEntity<String> response) throws Exception {
		JsonNode node = this.json.readTree(response.getBody());
		return node.path("message").asText();
	}

	private String toJson(Object body) {
		try {
			return (body != null) ? this.json.writeValueAsString(body) : null;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, Object> value(Object value) {
		return Map.of("value", value);
	}

	private List<String> internalTimeline(Incident incident) {
		return this.records.timeline(incident.number(), true)
			.stream()
			.map(Activity::body)
			.filter(b -> b != null)
			.toList();
	}

	private Task triageTask(Incident incident) {
		return this.tasks.createTaskQuery()
			.processInstanceId(processOf(incident))
			.taskDefinitionKey(Element.TASK_TRIAGE_INCIDENT)
			.singleResult();
	}

	private String processOf(Incident incident) {
		return this.records.get(incident.number()).processInstanceId();
	}

	private Incident report(String summary) {
		return this.incidents
			.report(TestReports.report(summary).description("Reported in an engine surface test.").build());
	}

}

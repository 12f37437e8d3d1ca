package org.incidentdesk.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.incidentdesk.system.WebappSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Every role against every surface: the project's API, Camunda's REST API and the
 * Tasklist and Cockpit webapps, with allowed and forbidden cases, including guessed ids
 * of another tenant's incidents, tasks and process instances.
 * <p>
 * The world is made as in production, without the demo profile and with the password
 * policy on: an administrator creates the teams, tenants and users through the
 * administration API. Two tenants, A and B; a support team serves only A and a vendor
 * only B; the service desk and the overseers serve both.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:access-matrix;DB_CLOSE_DELAY=-1",
				"camunda.bpm.admin-user.id=root", "camunda.bpm.admin-user.password=" + AccessMatrixTests.PASSWORD })
@ActiveProfiles("test")
// No other class shares this production-like world, so its context is closed when the
// class
// is done instead of holding memory for the rest of the run.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTests {

	static final String PASSWORD = "Kx7#mP2$wQ9!zR";

	private static final Set<Integer> HIDDEN = Set.of(403, 404);

	@Autowired
	TestRestTemplate http;

	@Autowired
	ObjectMapper json;

	/** Incident numbers, process instance ids and triage task ids of tenants A and B. */
	private String incidentA;

	private String incidentB;

	private String processA;

	private String processB;

	private String taskA;

	private String taskB;

	private long ciB;

	@BeforeAll
	void anAdministratorBuildsTwoTenantsWithTheirPeople() throws Exception {
		expect(post("root", "/api/v1/admin/teams", Map.of("id", "support-mx-a", "name", "Support for A")), 201);
		expect(post("root", "/api/v1/admin/teams", Map.of("id", "vendor-mx-b", "name", "Vendor for B")), 201);
		expect(post("root", "/api/v1/admin/tenants",
				Map.of("id", "mx-a", "name", "Tenant A", "servedBy", List.of("support-mx-a"))), 201);
		expect(post("root", "/api/v1/admin/tenants",
				Map.of("id", "mx-b", "name", "Tenant B", "servedBy", List.of("vendor-mx-b"))), 201);
		user("caller-a", "CALLER", "mx-a", null, false);
		user("colleague-a", "CALLER", "mx-a", null, false);
		user("viewer-a", "CALLER", "mx-a", null, true);
		user("caller-b", "CALLER", "mx-b", null, false);
		user("tech-a", "TECHNICIAN", "mx-a", null, false);
		user("tech-b", "TECHNICIAN", "mx-b", null, false);
		user("desk", "STAFF", null, "service-desk", false);
		user("support-a", "STAFF", null, "support-mx-a", false);
		user("vendor-b", "STAFF", null, "vendor-mx-b", false);
		user("manager", "STAFF", null, "incident-managers", false);
		user("delivery", "STAFF", null, "service-delivery-managers", false);
		user("auditor", "STAFF", null, "auditors", false);
		user("prometheus", "STAFF", null, "monitoring", false);

		this.incidentA = report("caller-a", "Printer on floor 2 is jammed");
		this.incidentB = report("caller-b", "Till in store 7 does not start");
		this.processA = single("root", "/engine-rest/process-instance?businessKey=" + this.incidentA).get("id")
			.asText();
		this.processB = single("root", "/engine-rest/process-instance?businessKey=" + this.incidentB).get("id")
			.asText();
		this.taskA = single("root", "/engine-rest/task?processInstanceBusinessKey=" + this.incidentA).get("id")
			.asText();
		this.taskB = single("root", "/engine-rest/task?processInstanceBusinessKey=" + this.incidentB).get("id")
			.asText();
		expect(post("desk", "/api/v1/incidents/" + this.incidentA + "/work-notes",
				Map.of("body", "Internal: toner supplier is late")), 201);
		ResponseEntity<String> ci = post("root", "/api/v1/cmdb/items",
				Map.of("tenantId", "mx-b", "name", "MXB-POS-1", "type", "HARDWARE", "remotelyServiceable", false));
		expect(ci, 201);
		this.ciB = this.json.readTree(ci.getBody()).get("id").asLong();
	}

	@TestFactory
	Stream<DynamicTest> theIncidentsApiShowsEachRoleOnlyWhatItMaySee() {
		List<Case> cases = new ArrayList<>();
		for (String user : List.of("caller-a", "viewer-a", "tech-a", "desk", "support-a", "manager", "delivery",
				"auditor", "root")) {
			cases.add(Case.get(user, "/api/v1/incidents/" + this.incidentA, 200));
		}
		for (String user : List.of("colleague-a", "caller-b", "tech-b", "vendor-b")) {
			cases.add(Case.get(user, "/api/v1/incidents/" + this.incidentA, 404));
		}
		for (String user : List.of("caller-a", "colleague-a", "viewer-a", "tech-a", "support-a")) {
			cases.add(Case.get(user, "/api/v1/incidents/" + this.incidentB, 404));
			cases.add(Case.get(user, "/api/v1/incidents/" + this.incidentB + "/timeline", 404));
			cases.add(Case.get(user, "/api/v1/cmdb/items/" + this.ciB, 404));
			cases.add(Case.count(user, "/api/v1/incidents?q=" + this.incidentB, "totalItems", 0));
		}
		cases.add(Case.count("desk", "/api/v1/incidents?q=" + this.incidentB, "totalItems", 1));
		cases.add(Case.count("vendor-b", "/api/v1/incidents?q=" + this.incidentB, "totalItems", 1));
		cases.add(Case.count("viewer-a", "/api/v1/incidents?q=" + this.incidentA, "totalItems", 1));
		cases.add(Case.count("colleague-a", "/api/v1/incidents?q=" + this.incidentA, "totalItems", 0));
		return dynamic(cases);
	}

	@TestFactory
	Stream<DynamicTest> callersNeverSeeWorkNotesOrTheAuditTrail() {
		List<Case> cases = new ArrayList<>();
		cases.add(Case.get("caller-a", "/api/v1/incidents/" + this.incidentA + "/timeline", 200)
			.without("toner supplier"));
		cases.add(Case.get("viewer-a", "/api/v1/incidents/" + this.incidentA + "/timeline", 200)
			.without("toner supplier"));
		cases.add(Case.get("desk", "/api/v1/incidents/" + this.incidentA + "/timeline", 200).with("toner supplier"));
		cases.add(Case.get("caller-a", "/api/v1/incidents/" + this.incidentA + "/history", 403));
		cases.add(Case.get("auditor", "/api/v1/incidents/" + this.incidentA + "/history", 200).with("toner supplier"));
		cases.add(Case.get("auditor", "/api/v1/incidents/" + this.incidentB + "/history", 200));
		cases.add(Case.get("support-a", "/api/v1/incidents/" + this.incidentB + "/history", 404));
		cases.add(new Case("caller-a", HttpMethod.POST, "/api/v1/incidents/" + this.incidentA + "/work-notes",
				Map.of("body", "let me in"), Set.of(403), null, null, -1, null));
		return dynamic(cases);
	}

	@TestFactory
	Stream<DynamicTest> auditorsChangeNothingAndOnlyAdministratorsAdminister() {
		List<Case> cases = new ArrayList<>();
		cases.add(new Case("auditor", HttpMethod.POST, "/api/v1/incidents/" + this.incidentA + "/comments",
				Map.of("body", "audit"), Set.of(403), "Auditors read everything and change nothing", null, -1, null));
		// Service delivery managers and incident managers oversee: no change through the
		// API either (incident managers act through their review task in Tasklist)
		for (String overseer : List.of("manager", "delivery")) {
			cases.add(new Case(overseer, HttpMethod.POST, "/api/v1/incidents/" + this.incidentA + "/work-notes",
					Map.of("body", "overseeing"), Set.of(403), "incident managers act on a breached incident", null, -1,
					null));
			cases.add(new Case(overseer, HttpMethod.POST, "/api/v1/incidents/" + this.incidentA + "/comments",
					Map.of("body", "overseeing"), Set.of(403), null, null, -1, null));
			cases.add(new Case(overseer, HttpMethod.POST, "/api/v1/incidents",
					Map.of("tenantId", "mx-a", "callerId", "caller-a", "summary", "Overseer report"), Set.of(403), null,
					null, -1, null));
		}
		cases.add(Case.get("caller-a", "/api/v1/incidents/" + this.incidentA + "/timeline", 200).without("overseeing"));
		cases.add(new Case("auditor", HttpMethod.POST, "/engine-rest/task/" + this.taskA + "/claim",
				Map.of("userId", "auditor"), HIDDEN, null, null, -1, null));
		cases.add(new Case("auditor", HttpMethod.POST, "/engine-rest/task/" + this.taskA + "/complete", Map.of(),
				HIDDEN, null, null, -1, null));
		cases.add(new Case("auditor", HttpMethod.DELETE, "/engine-rest/process-instance/" + this.processA, null, HIDDEN,
				null, null, -1, null));
		cases.add(new Case("auditor", HttpMethod.PUT,
				"/engine-rest/process-instance/" + this.processA + "/variables/priority",
				Map.of("value", "P1", "type", "String"), HIDDEN, null, null, -1, null));
		for (String user : List.of("caller-a", "desk", "support-a", "tech-a", "manager", "delivery", "auditor")) {
			cases.add(Case.get(user, "/api/v1/admin/tenants", 403).with("camunda-admin"));
			cases.add(new Case(user, HttpMethod.POST, "/api/v1/admin/tenants", Map.of("id", "evil", "name", "Evil"),
					Set.of(403), null, null, -1, null));
		}
		cases.add(Case.get("root", "/api/v1/admin/tenants", 200).with("\"mx-a\"").with("\"mx-b\""));
		// Metrics tell about every tenant: administrators and monitoring only;
		// health for all (tests run without the Prometheus export, so
		// /actuator/metrics stands for it)
		for (String user : List.of("caller-a", "desk", "manager", "auditor")) {
			cases.add(Case.get(user, "/actuator/metrics", 403).with("read the metrics"));
			cases.add(Case.get(user, "/actuator/metrics/jvm.memory.used", 403));
		}
		cases.add(Case.get("prometheus", "/actuator/metrics/jvm.memory.used", 200).with("measurements"));
		cases.add(Case.get("root", "/actuator/metrics", 200));
		cases.add(Case.get("prometheus", "/api/v1/incidents/" + this.incidentA, 404));
		cases.add(Case.get("anonymous", "/actuator/health", 200).without("components"));
		cases.add(Case.get("prometheus", "/actuator/health", 200).with("components"));
		// Nobody but administrators changes users, not even their own record
		cases.add(new Case("caller-a", HttpMethod.PUT, "/engine-rest/user/caller-a/profile",
				Map.of("id", "caller-a", "firstName", "Test", "lastName", "User", "email", "caller-b@matrix.example"),
				HIDDEN, null, null, -1, null));
		cases.add(new Case("auditor", HttpMethod.DELETE, "/engine-rest/user/auditor", null, HIDDEN, null, null, -1,
				null));
		cases.add(new Case("desk", HttpMethod.DELETE, "/engine-rest/user/desk", null, HIDDEN, null, null, -1, null));
		return dynamic(cases);
	}

	@TestFactory
	Stream<DynamicTest> camundasRestApiKeepsTenantsAndGroupsApart() {
		List<Case> cases = new ArrayList<>();
		String tasksOfA = "/engine-rest/task?processInstanceBusinessKey=" + this.incidentA;
		cases.add(Case.size("desk", tasksOfA, 1));
		cases.add(Case.size("root", tasksOfA, 1));
		cases.add(Case.size("auditor", tasksOfA, 1));
		for (String user : List.of("support-a", "vendor-b", "tech-a", "tech-b")) {
			cases.add(Case.size(user, tasksOfA, 0));
		}
		// Callers have no engine surface at all: the portal and /api/v1 are theirs
		for (String user : List.of("caller-a", "viewer-a", "caller-b")) {
			cases.add(Case.get(user, tasksOfA, 403).with("Callers use the portal"));
			cases.add(Case.get(user, "/engine-rest/history/process-instance", 403).with("Callers use the portal"));
			cases.add(Case.get(user, "/engine-rest/group?member=" + user, 403));
		}
		for (String user : List.of("caller-b", "vendor-b", "tech-b", "support-a", "caller-a")) {
			cases.add(new Case(user, HttpMethod.GET, "/engine-rest/task/" + this.taskA, null, HIDDEN, null, null, -1,
					null));
			cases.add(new Case(user, HttpMethod.GET, "/engine-rest/task/" + this.taskA + "/variables", null, HIDDEN,
					null, null, -1, null));
			cases.add(new Case(user, HttpMethod.POST, "/engine-rest/task/" + this.taskA + "/claim",
					Map.of("userId", user), HIDDEN, null, null, -1, null));
			if (!user.equals("support-a")) {
				cases.add(new Case(user, HttpMethod.GET, "/engine-rest/process-instance/" + this.processA, null, HIDDEN,
						null, null, -1, null));
			}
		}
		// Work groups read (for Tasklist's list cards) the processes of the tenants they
		// serve, and change nothing there
		cases.add(Case.get("support-a", "/engine-rest/process-instance/" + this.processA, 200));
		cases.add(Case.get("tech-a", "/engine-rest/process-instance/" + this.processA, 200));
		cases.add(new Case("support-a", HttpMethod.PUT,
				"/engine-rest/process-instance/" + this.processA + "/variables/priority",
				Map.of("value", "P1", "type", "String"), HIDDEN, null, null, -1, null));
		cases.add(new Case("tech-a", HttpMethod.PUT, "/engine-rest/process-instance/" + this.processA + "/suspended",
				Map.of("suspended", true), HIDDEN, null, null, -1, null));
		for (String user : List.of("support-a", "tech-a", "caller-a")) {
			cases.add(new Case(user, HttpMethod.GET, "/engine-rest/task/" + this.taskB, null, HIDDEN, null, null, -1,
					null));
			cases.add(new Case(user, HttpMethod.GET, "/engine-rest/process-instance/" + this.processB, null, HIDDEN,
					null, null, -1, null));
			cases.add(new Case(user, HttpMethod.GET, "/engine-rest/process-instance/" + this.processB + "/variables",
					null, HIDDEN, null, null, -1, null));
			if (!user.equals("caller-a")) {
				cases.add(Case.size(user,
						"/engine-rest/history/process-instance?processInstanceBusinessKey=" + this.incidentB, 0));
			}
		}
		cases.add(Case.get("desk", "/engine-rest/task/" + this.taskA, 200));
		cases.add(Case.get("desk", "/engine-rest/task/" + this.taskB, 200));
		cases.add(Case.get("auditor", "/engine-rest/process-instance/" + this.processB, 200));
		cases.add(Case.size("auditor",
				"/engine-rest/history/process-instance?processInstanceBusinessKey=" + this.incidentB, 1));
		cases.add(Case.size("manager",
				"/engine-rest/history/process-instance?processInstanceBusinessKey=" + this.incidentA, 1));
		cases.add(Case.size("vendor-b",
				"/engine-rest/history/process-instance?processInstanceBusinessKey=" + this.incidentA, 0));
		cases.add(Case.get("anonymous", "/engine-rest/task", 401));
		cases.add(Case.get("unknown-user", "/engine-rest/task", 401));
		cases.add(Case.get("unknown-user", "/api/v1/incidents", 401));
		cases.add(Case.get("anonymous", "/api/v1/incidents", 401));
		return dynamic(cases);
	}

	@Test
	void theServiceDeskClaimsATriageTaskOfEitherTenantThroughCamundasRestApi() {
		// Given the triage task of tenant B's incident, which the service desk serves
		// When an agent claims it
		ResponseEntity<String> claim = exchange("desk", HttpMethod.POST, "/engine-rest/task/" + this.taskB + "/claim",
				Map.of("userId", "desk"));

		// Then it is theirs
		expect(claim, 204);
		assertThat(single("root", "/engine-rest/task?processInstanceBusinessKey=" + this.incidentB).get("assignee")
			.asText()).isEqualTo("desk");
	}

	@TestFactory
	Stream<DynamicTest> tasklistAndCockpitLetInOnlyTheirUsers() {
		List<DynamicTest> tests = new ArrayList<>();
		Map<String, Integer> tasklist = Map.of("desk", 200, "support-a", 200, "tech-a", 200, "manager", 200, "caller-a",
				403, "auditor", 403, "delivery", 403);
		Map<String, Integer> cockpit = Map.of("auditor", 200, "manager", 200, "delivery", 200, "desk", 403, "support-a",
				403, "tech-a", 403, "caller-a", 403);
		tasklist.forEach((user,
				status) -> tests.add(DynamicTest.dynamicTest(user + " signs in to Tasklist: " + status,
						() -> assertThat(WebappSession.signIn(this.http, "tasklist", user, PASSWORD).status())
							.isEqualTo(status))));
		cockpit.forEach((user,
				status) -> tests.add(DynamicTest.dynamicTest(user + " signs in to Cockpit: " + status,
						() -> assertThat(WebappSession.signIn(this.http, "cockpit", user, PASSWORD).status())
							.isEqualTo(status))));
		return tests.stream();
	}

	@Test
	void inTasklistAnAgentSeesOnlyTheTasksOfTheirGroupsAndTenants() {
		// Given a support agent of tenant A and the service desk, signed in to Tasklist
		WebappSession support = WebappSession.signIn(this.http, "tasklist", "support-a", PASSWORD);
		WebappSession desk = WebappSession.signIn(this.http, "tasklist", "desk", PASSWORD);

		// When they look for the triage tasks of both incidents
		String query = "/camunda/api/engine/engine/default/task?processInstanceBusinessKeyIn=" + this.incidentA + ","
				+ this.incidentB;

		// Then only the service desk, whose task it is, sees them
		assertThat(support.get(query).getBody()).isEqualTo("[]");
		assertThat(desk.get(query).getBody()).contains(this.taskA).contains(this.taskB);
		assertThat(support.get("/camunda/api/engine/engine/default/task/" + this.taskB).getStatusCode().value())
			.isIn(HIDDEN);
		assertThat(support.get("/camunda/api/engine/engine/default/process-instance/" + this.processB + "/variables")
			.getStatusCode()
			.value()).isEqualTo(404);
	}

	@Test
	void inCockpitAnAuditorReadsEveryTenantsHistoryAndCannotChangeIt() {
		// Given an auditor signed in to Cockpit
		WebappSession auditor = WebappSession.signIn(this.http, "cockpit", "auditor", PASSWORD);

		// When they read both tenants' process history
		ResponseEntity<String> history = auditor
			.get("/camunda/api/engine/engine/default/history/process-instance?processInstanceBusinessKeyIn="
					+ this.incidentA + "," + this.incidentB);

		// Then they see both, and cancelling or retiming an instance is refused
		assertThat(history.getBody()).contains(this.processA).contains(this.processB);
		assertThat(
				auditor.send(HttpMethod.DELETE, "/camunda/api/engine/engine/default/process-instance/" + this.processA)
					.getStatusCode()
					.value())
			.isIn(HIDDEN);
		assertThat(auditor
			.send(HttpMethod.POST,
					"/camunda/api/engine/engine/default/process-instance/" + this.processA + "/suspended")
			.getStatusCode()
			.is2xxSuccessful()).isFalse();
		assertThat(single("root", "/engine-rest/process-instance?businessKey=" + this.incidentA).get("suspended")
			.asBoolean()).isFalse();
	}

	@Test
	void theEngineSurfacesMoveAnIncidentOnlyThroughItsProcess() throws Exception {
		// Callers sign in to no webapp, not even the welcome page
		for (String caller : List.of("caller-a", "viewer-a")) {
			for (String app : List.of("welcome", "tasklist")) {
				assertThat(WebappSession.signIn(this.http, app, caller, PASSWORD).status()).isEqualTo(403);
			}
		}
		// The triage task's candidates do not end it by a BPMN error or write its
		// variables; nobody but an administrator touches its timers
		String task = "/engine-rest/task/" + this.taskA;
		expect(exchange("desk", HttpMethod.POST, task + "/bpmnError", Map.of("errorCode", "X")), 403);
		expect(exchange("desk", HttpMethod.POST, task + "/variables",
				Map.of("modifications", Map.of("assignedGroup", Map.of("value", "vendor-mx-b")))), 403);
		JsonNode timer = this.json
			.readTree(exchange("root", HttpMethod.GET,
					"/engine-rest/job?timers=true&processInstanceId=" + this.processA, null)
				.getBody())
			.get(0);
		String job = "/engine-rest/job/" + timer.get("id").asText();
		for (String user : List.of("desk", "support-a", "tech-a", "manager", "delivery", "auditor")) {
			expect(exchange(user, HttpMethod.POST, job + "/execute", null), 403);
		}
		for (String user : List.of("vendor-b", "tech-b")) {
			expect(exchange(user, HttpMethod.POST, job + "/execute", null), 404);
		}
		// Read back: the task is there, unchanged, and the timer kept its retries
		assertThat(single("root", "/engine-rest/task?processInstanceBusinessKey=" + this.incidentA).get("id").asText())
			.isEqualTo(this.taskA);
		assertThat(this.json.readTree(exchange("root", HttpMethod.GET, job, null).getBody()).get("retries").asInt())
			.isEqualTo(timer.get("retries").asInt());
		assertThat(this.json.readTree(exchange("root", HttpMethod.GET, job, null).getBody())
			.get("exceptionMessage")
			.isNull()).isTrue();
	}

	@Test
	void aProcessCannotBeStartedForAnIncidentThatHasOne() {
		// When the service desk starts the incident process for tenant A's incident
		ResponseEntity<String> start = exchange("desk", HttpMethod.POST,
				"/engine-rest/process-definition/key/IncidentManagement/start",
				Map.of("variables", Map.of("incidentNumber", Map.of("value", this.incidentA), "tenantId",
						Map.of("value", "mx-a"), "summary", Map.of("value", "Hijack"))));

		// Then it is refused (nobody starts an incident's process by hand), and the
		// incident keeps its one process
		expect(start, 403);
		assertThat(start.getBody()).contains("would leave the incident record behind");
		assertThat(single("root", "/engine-rest/process-instance?businessKey=" + this.incidentA).get("id").asText())
			.isEqualTo(this.processA);
		assertThat(single("root", "/api/v1/incidents/" + this.incidentA).get("summary").asText())
			.isEqualTo("Printer on floor 2 is jammed");
	}

	@Test
	void aChangeABrowserSendsForAnotherSiteIsRefusedOnEveryBasicAuthApi() {
		for (String path : List.of("/engine-rest/task/" + this.taskA + "/claim",
				"/api/v1/incidents/" + this.incidentA + "/work-notes")) {
			HttpHeaders headers = new HttpHeaders();
			headers.setContentType(MediaType.APPLICATION_JSON);
			headers.setBasicAuth("desk", PASSWORD);
			headers.add("Sec-Fetch-Site", "cross-site");
			ResponseEntity<String> response = this.http.exchange(path, HttpMethod.POST,
					new HttpEntity<>(Map.of("userId", "desk", "body", "x"), headers), String.class);

			assertThat(response.getStatusCode().value()).as(path).isEqualTo(403);
			assertThat(response.getBody()).contains("another site");
		}
		assertThat(single("root", "/engine-rest/task/" + this.taskA).get("assignee").isNull()).isTrue();
	}

	@Test
	void aWeakPasswordIsRefusedWithTheRulesItBreaks() {
		// When an administrator creates a user with a weak password
		ResponseEntity<String> response = post("root", "/api/v1/admin/users",
				Map.of("id", "weak-one", "firstName", "Weak", "lastName", "One", "email", "weak@mx-a.example",
						"password", "password", "role", "CALLER", "tenantId", "mx-a"));

		// Then it is refused, the rules are named, and no user exists
		expect(response, 400);
		assertThat(response.getBody()).contains("upper-case").contains("digit").contains("special");
		assertThat(single("root", "/engine-rest/user/count?id=weak-one").get("count").asInt()).isZero();
	}

	private Stream<DynamicTest> dynamic(List<Case> cases) {
		return cases.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> check(c)));
	}

	private void check(Case c) throws Exception {
		ResponseEntity<String> response = exchange(c.user(), c.method(), c.path(), c.body());
		assertThat(response.getStatusCode().value()).as(c + " answered " + response.getBody()).isIn(c.statuses());
		String body = (response.getBody() != null) ? response.getBody() : "";
		if (c.contains() != null) {
			assertThat(body).contains(c.contains());
		}
		if (c.absent() != null) {
			assertThat(body).doesNotContain(c.absent());
		}
		if (c.size() >= 0) {
			JsonNode node = this.json.readTree(body);
			int actual = (c.field() != null) ? node.get(c.field()).asInt() : node.size();
			assertThat(actual).as(c.toString()).isEqualTo(c.size());
		}
	}

	private void user(String id, String role, String tenant, String group, boolean organisationViewer) {
		var body = new java.util.HashMap<String, Object>(
				Map.of("id", id, "firstName", "Test", "lastName", "User", "email", id + "@matrix.example", "password",
						PASSWORD, "role", role, "organisationViewer", organisationViewer));
		if (tenant != null) {
			body.put("tenantId", tenant);
		}
		if (group != null) {
			body.put("groups", List.of(group));
		}
		expect(post("root", "/api/v1/admin/users", body), 201);
	}

	private String report(String caller, String summary) throws Exception {
		ResponseEntity<String> response = post(caller, "/api/v1/incidents",
				Map.of("summary", summary, "category", "hardware", "impact", "MEDIUM", "urgency", "MEDIUM"));
		expect(response, 201);
		return this.json.readTree(response.getBody()).get("number").asText();
	}

	private JsonNode single(String user, String path) {
		try {
			ResponseEntity<String> response = exchange(user, HttpMethod.GET, path, null);
			expect(response, 200);
			JsonNode node = this.json.readTree(response.getBody());
			if (node.isArray()) {
				assertThat(node).as(path).hasSize(1);
				return node.get(0);
			}
			return node;
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private ResponseEntity<String> post(String user, String path, Object body) {
		return exchange(user, HttpMethod.POST, path, body);
	}

	private ResponseEntity<String> exchange(String user, HttpMethod method, String path, Object body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
		if ("unknown-user".equals(user)) {
			headers.setBasicAuth("nobody", PASSWORD);
		}
		else if (!"anonymous".equals(user)) {
			headers.setBasicAuth(user, PASSWORD);
		}
		return this.http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
	}

	private static void expect(ResponseEntity<String> response, int status) {
		assertThat(response.getStatusCode().value()).as(String.valueOf(response.getBody())).isEqualTo(status);
	}

	/**
	 * One request by one user and what must come back.
	 *
	 * @param size the expected number of elements of the JSON answer (or of its field),
	 * -1 for none
	 */
	record Case(String user, HttpMethod method, String path, Object body, Set<Integer> statuses, String contains,
			String absent, int size, String field) {

		static Case get(String user, String path, int status) {
			return new Case(user, HttpMethod.GET, path, null, Set.of(status), null, null, -1, null);
		}

		static Case size(String user, String path, int size) {
			return new Case(user, HttpMethod.GET, path, null, Set.of(200), null, null, size, null);
		}

		static Case count(String user, String path, String field, int count) {
			return new Case(user, HttpMethod.GET, path, null, Set.of(200), null, null, count, field);
		}

		Case with(String text) {
			return new Case(this.user, this.method, this.path, this.body, this.statuses, text, this.absent, this.size,
					this.field);
		}

		Case without(String text) {
			return new Case(this.user, this.method, this.path, this.body, this.statuses, this.contains, text, this.size,
					this.field);
		}

		@Override
		public String toString() {
			return this.user + " " + this.method + " " + this.path + " -> " + this.statuses + ((this.size >= 0)
					? " with " + this.size + ((this.field != null) ? " " + this.field : " items") : "");
		}

	}

}

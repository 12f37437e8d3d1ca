package org.incidentdesk.history;

import org.incidentdesk.TestReports;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.incident.Activity.Visibility;
import org.incidentdesk.incident.Channel;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentRecords;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.Level;
import org.incidentdesk.incident.ReportIncident;
import org.incidentdesk.incident.process.IncidentProcess.Element;
import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history API over real HTTP on the whole application (H2, demo world): one
 * incident's life from report to confirmation, the CSV export, the hash chain check, and
 * who may read it.
 */
@IncidentDeskTest
class IncidentHistoryTests {

	private static final ParameterizedTypeReference<List<Map<String, Object>>> ENTRIES = new ParameterizedTypeReference<>() {
	};

	private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {
	};

	@Autowired
	TestRestTemplate http;

	@Autowired
	IncidentService incidents;

	@Autowired
	IncidentRecords records;

	@Autowired
	TaskService tasks;

	@Autowired
	ManagementService management;

	@Autowired
	IdentityService identity;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void reset() {
		ClockUtil.reset();
		this.identity.clearAuthentication();
	}

	@Test
	void showsTheRecordAndTheProcessInOneTimelineFromReportToConfirmation() {
		// Given an incident alice reports
		Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		clockAt(t0);
		Incident incident = report("acme", "alice", "Mail server rejects mail");
		String number = incident.number();

		// When sam picks up triage and escalates it to a support team
		clockAt(t0.plus(Duration.ofMinutes(1)));
		String triage = task(incident, Element.TASK_TRIAGE_INCIDENT).getId();
		as("sam", List.of("service-desk"), () -> this.tasks.claim(triage, "sam"));
		clockAt(t0.plus(Duration.ofMinutes(2)));
		as("sam", List.of("service-desk"), () -> this.tasks.complete(triage, Map.of(Var.TRIAGE_DECISION, "ESCALATE")));
		String team = this.records.get(number).assignmentGroup();

		// And the resolution SLA warning fires
		clockAt(t0.plus(Duration.ofHours(20)));
		executeJob(incident, Element.BOUNDARY_EVENT_RESOLUTION_SLA_WARNING);
		executeJob(incident, Element.TASK_WARN_INCIDENT_MANAGER);

		// And the team resolves it and alice confirms
		clockAt(t0.plus(Duration.ofHours(21)));
		this.tasks.complete(task(incident, Element.TASK_WORK_ON_INCIDENT).getId(),
				Map.of(Var.SUPPORT_DECISION, "RESOLVE", Var.RESOLUTION_CODE, "SOLVED_PERMANENTLY", Var.RESOLUTION_NOTES,
						"Relay certificate renewed."));
		clockAt(t0.plus(Duration.ofHours(22)));
		as("alice", List.of("customers"), () -> this.incidents.answerResolution(number, "alice", true, null));
		ClockUtil.reset();

		// Then the auditor reads one chronological history of record and process
		ResponseEntity<List<Map<String, Object>>> response = get("audrey", "/api/v1/incidents/" + number + "/history",
				ENTRIES);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		List<Map<String, Object>> history = response.getBody();
		assertThat(history).extracting(entry -> OffsetDateTime.parse((String) entry.get("at")))
			.isSortedAccordingTo(OffsetDateTime::compareTo);

		int inProgress = index(history, record("FIELD_CHANGE").and(field("state", "NEW", "IN_PROGRESS")));
		int claimed = index(history,
				process("USER_OPERATION_CLAIM").and(actor("sam")).and(field("assignee", null, "sam")));
		int triaged = index(history,
				process("USER_OPERATION_COMPLETE").and(actor("sam")).and(described("'Triage incident'")));
		int handedOver = index(history, record("HANDOVER"));
		int candidateGroup = index(history, process("IDENTITY_LINK_ADDED").and(field("candidate", null, team))
			.and(described("'Work on incident'")));
		int timerFired = index(history,
				process("TIMER_FIRED").and(described(Element.BOUNDARY_EVENT_RESOLUTION_SLA_WARNING)));
		int slaWarning = index(history, record("SLA"));
		int managerNotified = index(history,
				record("NOTIFICATION").and(field("notified", null, "group:incident-managers")));
		int resolved = index(history, record("FIELD_CHANGE").and(field("state", "IN_PROGRESS", "RESOLVED")));
		int callerNotified = index(history, record("NOTIFICATION").and(field("notified", null, "user:alice"))
			.and(described("Your incident was resolved")));
		int closed = index(history, record("FIELD_CHANGE").and(field("state", "RESOLVED", "CLOSED")));

		assertThat(claimed).isLessThan(triaged);
		assertThat(inProgress).isLessThan(handedOver);
		assertThat(handedOver).isLessThan(timerFired);
		assertThat(candidateGroup).isLessThan(timerFired);
		assertThat(triaged).isLessThan(timerFired);
		assertThat(timerFired).isLessThan(resolved);
		assertThat(slaWarning).isGreaterThan(triaged).isLessThan(resolved);
		assertThat(managerNotified).isGreaterThan(triaged).isLessThan(resolved);
		assertThat(resolved).isLessThan(closed);
		assertThat(callerNotified).isGreaterThan(timerFired).isLessThan(closed);
		assertThat(history.get(inProgress)).containsEntry("actor", "sam").containsEntry("source", "RECORD");
		assertThat(history.get(inProgress).get("hash")).asString().hasSize(64);
		assertThat(history.get(timerFired)).containsEntry("at", t0.plus(Duration.ofHours(20)).toString());
		assertThat(history).anyMatch(process("PROCESS_ENDED"));

		// And the chain of the record's timeline is intact
		Map<String, Object> verification = get("audrey", "/api/v1/incidents/" + number + "/history/verification",
				OBJECT)
			.getBody();
		assertThat(verification).containsEntry("intact", true)
			.containsEntry("entries", history.stream().filter(record(null)).toList().size());
	}

	@Test
	void showsTheBreachTheReviewAndTheReassignmentWithWhoWasNotified() {
		// Given an incident that a support team works on
		Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		clockAt(t0);
		Incident incident = report("acme", "alice", "Invoices are not printed");
		String number = incident.number();
		as("sam", List.of("service-desk"), () -> this.tasks
			.complete(task(incident, Element.TASK_TRIAGE_INCIDENT).getId(), Map.of(Var.TRIAGE_DECISION, "ESCALATE")));
		String team = this.records.get(number).assignmentGroup();

		// When the resolution SLA is breached and the incident manager reassigns the work
		clockAt(t0.plus(Duration.ofHours(30)));
		executeJob(incident, Element.BOUNDARY_EVENT_RESOLUTION_SLA_BREACHED);
		// The breach is recorded in a job of its own, which the job executor runs a
		// moment later.
		clockAt(t0.plus(Duration.ofHours(30)).plusSeconds(5));
		executeJob(incident, Element.TASK_RECORD_SLA_BREACH);
		clockAt(t0.plus(Duration.ofHours(31)));
		String review = task(incident, Element.TASK_REVIEW_BREACHED_INCIDENT).getId();
		as("ines", List.of("incident-managers"), () -> this.tasks.complete(review,
				Map.of(Var.REVIEW_DECISION, "REASSIGN", Var.REASSIGN_GROUP, "vendor-systems")));
		ClockUtil.reset();

		// Then the history shows the breach timer, the review task offered to the
		// incident managers, who was told, and the work moving from one group to
		// the other
		List<Map<String, Object>> history = get("audrey", "/api/v1/incidents/" + number + "/history", ENTRIES)
			.getBody();
		int breachTimer = index(history,
				process("TIMER_FIRED").and(described(Element.BOUNDARY_EVENT_RESOLUTION_SLA_BREACHED)));
		int reviewOffered = index(history,
				process("IDENTITY_LINK_ADDED").and(field("candidate", null, "incident-managers"))
					.and(described("'Review breached incident'")));
		int managersTold = index(history, record("NOTIFICATION").and(field("notified", null, "group:incident-managers"))
			.and(described("Resolution SLA breached")));
		int reviewed = index(history,
				process("USER_OPERATION_COMPLETE").and(actor("ines")).and(described("'Review breached incident'")));
		int oldGroupRemoved = index(history, process("IDENTITY_LINK_DELETED").and(field("candidate", team, null))
			.and(described("'Work on incident'")));
		int newGroupAdded = index(history,
				process("IDENTITY_LINK_ADDED").and(field("candidate", null, "vendor-systems"))
					.and(described("'Work on incident'")));
		int vendorTold = index(history, record("NOTIFICATION").and(field("notified", null, "group:vendor-systems")));

		assertThat(breachTimer).isLessThan(reviewOffered);
		assertThat(breachTimer).isLessThan(managersTold);
		assertThat(reviewOffered).isLessThan(reviewed);
		assertThat(reviewed).isLessThan(oldGroupRemoved);
		assertThat(oldGroupRemoved).isLessThan(newGroupAdded);
		assertThat(history.get(breachTimer)).containsEntry("at", t0.plus(Duration.ofHours(30)).toString());
		// (the new team is told in the same transaction as the review, so at the
		// same time)
		assertThat(history.get(vendorTold)).containsEntry("at", t0.plus(Duration.ofHours(31)).toString());
		assertThat(history).anyMatch(record("SLA"));
	}

	@Test
	void exportsCsvThatParsesBackAndNeutralisesFormulas() {
		// Given an incident with a comment that a spreadsheet would run
		Incident incident = report("acme", "alice", "Exported incident");
		post("alice", "/api/v1/incidents/" + incident.number() + "/comments", Map.of("body", "=cmd|' /C calc'!A0"));
		post("alice", "/api/v1/incidents/" + incident.number() + "/comments",
				Map.of("body", "Two lines,\nand \"quotes\""));

		for (ResponseEntity<String> response : List.of(
				get("audrey", "/api/v1/incidents/" + incident.number() + "/history?format=csv", String.class),
				getAccepting("audrey", "/api/v1/incidents/" + incident.number() + "/history", "text/csv"))) {
			// Then it downloads as CSV
			assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
			assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.parseMediaType("text/csv")))
				.isTrue();
			assertThat(response.getHeaders().getContentDisposition().getType()).isEqualTo("attachment");
			assertThat(response.getHeaders().getContentDisposition().getFilename())
				.isEqualTo(incident.number() + "-history.csv");

			// And parses back into a header and rows of the same width
			List<List<String>> rows = Csv.parse(response.getBody());
			assertThat(rows.get(0)).containsExactly("at", "source", "kind", "actor", "description", "field", "oldValue",
					"newValue", "hash");
			assertThat(rows).hasSizeGreaterThan(5).allSatisfy(row -> assertThat(row).hasSize(9));
			List<String> descriptions = rows.stream().map(row -> row.get(4)).toList();
			assertThat(descriptions).contains("'=cmd|' /C calc'!A0", "Two lines,\nand \"quotes\"")
				.doesNotContain("=cmd|' /C calc'!A0");
			assertThat(rows).anyMatch(row -> row.get(1).equals("PROCESS") && row.get(2).equals("PROCESS_STARTED"));
		}

		// And JSON stays the default, an unknown format is refused
		assertThat(get("audrey", "/api/v1/incidents/" + incident.number() + "/history?format=json", ENTRIES).getBody())
			.anyMatch(entry -> "=cmd|' /C calc'!A0".equals(entry.get("description")));
		assertThat(get("audrey", "/api/v1/incidents/" + incident.number() + "/history?format=xml", String.class)
			.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
	}

	@Test
	void verificationFindsAnEntryChangedInTheDatabase() {
		// Given an incident with a comment, whose chain is intact
		Incident incident = report("acme", "alice", "Tampered incident");
		this.incidents.comment(incident.number(), "alice", "The original words.", Visibility.PUBLIC);
		this.incidents.comment(incident.number(), "sam", "A later note.", Visibility.INTERNAL);
		String url = "/api/v1/incidents/" + incident.number() + "/history/verification";
		Map<String, Object> before = get("audrey", url, OBJECT).getBody();
		assertThat(before).containsEntry("intact", true).doesNotContainKeys("firstBrokenEntryId", "reason");

		// When somebody changes the comment directly in the database
		long id = this.jdbc
			.sql("select id from incident_activity where incident_id = :incident and body = 'The original words.'")
			.param("incident", incident.id())
			.query(Long.class)
			.single();
		this.jdbc.sql("update incident_activity set body = 'forged' where id = :id").param("id", id).update();

		// Then verification names that entry
		Map<String, Object> after = get("audrey", url, OBJECT).getBody();
		assertThat(after).containsEntry("intact", false)
			.containsEntry("entries", before.get("entries"))
			.containsEntry("firstBrokenEntryId", (int) id);
		assertThat(after.get("reason")).asString().contains("changed");
	}

	@Test
	void verificationFindsAnEntryRemovedFromTheDatabase() {
		Incident incident = report("acme", "alice", "Incident with a removed entry");
		this.incidents.comment(incident.number(), "alice", "Will disappear.", Visibility.PUBLIC);
		this.incidents.comment(incident.number(), "alice", "Stays.", Visibility.PUBLIC);
		List<Long> ids = this.jdbc.sql("select id from incident_activity where incident_id = :incident order by id")
			.param("incident", incident.id())
			.query(Long.class)
			.list();

		this.jdbc.sql("delete from incident_activity where id = :id").param("id", ids.get(ids.size() - 2)).update();

		Map<String, Object> verification = get("ines",
				"/api/v1/incidents/" + incident.number() + "/history/verification", OBJECT)
			.getBody();
		assertThat(verification).containsEntry("intact", false)
			.containsEntry("firstBrokenEntryId", ids.get(ids.size() - 1).intValue());
	}

	@Test
	void staffAuditorsAndAdministratorsReadTheHistoryCallersDoNot() {
		// Given an incident of acme and one of globex
		String acme = report("acme", "alice", "Acme history").number();
		String globex = report("globex", "citra", "Globex history").number();

		for (String path : List.of("/history", "/history/verification")) {
			// Then the auditor, the administrator and provider staff read both
			for (String user : List.of("audrey", "demo", "sam", "ines")) {
				assertThat(status(user, acme, path)).as(user + " " + path).isEqualTo(HttpStatus.OK);
				assertThat(status(user, globex, path)).as(user + " " + path).isEqualTo(HttpStatus.OK);
			}
			// And the tenant's own technicians read only their tenant's
			assertThat(status("tom", acme, path)).isEqualTo(HttpStatus.OK);
			assertThat(status("tom", globex, path)).isEqualTo(HttpStatus.NOT_FOUND);
			assertThat(status("tari", acme, path)).isEqualTo(HttpStatus.NOT_FOUND);
			// And callers are refused, even for their own incident, without learning
			// whether others exist
			assertThat(status("alice", acme, path)).isEqualTo(HttpStatus.FORBIDDEN);
			assertThat(status("citra", acme, path)).isEqualTo(HttpStatus.FORBIDDEN);
			assertThat(status("alice", "INC9999999", path)).isEqualTo(HttpStatus.FORBIDDEN);
			assertThat(status("audrey", "INC9999999", path)).isEqualTo(HttpStatus.NOT_FOUND);
		}
		ResponseEntity<Map<String, Object>> refused = get("alice", "/api/v1/incidents/" + acme + "/history", OBJECT);
		assertThat(refused.getHeaders().getContentType().toString()).startsWith("application/problem+json");
		assertThat(refused.getBody()).containsEntry("status", 403);
		assertThat(getAccepting("alice", "/api/v1/incidents/" + acme + "/history", "text/csv").getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);
	}

	@Test
	void theHistoryCannotBeChangedOrDeletedThroughTheApi() {
		// Given an incident with its history
		Incident incident = report("acme", "alice", "Unchangeable history");
		String base = "/api/v1/incidents/" + incident.number();
		List<Map<String, Object>> before = get("audrey", base + "/history", ENTRIES).getBody();

		// When anybody tries to change or delete it
		for (String user : List.of("audrey", "demo", "sam")) {
			for (String path : List.of("/history", "/history/verification")) {
				for (HttpMethod method : List.of(HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE,
						HttpMethod.POST)) {
					ResponseEntity<String> response = this.http.withBasicAuth(user, "demo")
						.exchange(base + path, method, json(Map.of("body", "forged")), String.class);
					// Then there is no such operation (auditors are refused any change
					// before that)
					assertThat(response.getStatusCode()).as(user + " " + method + " " + path)
						.isEqualTo("audrey".equals(user) ? HttpStatus.FORBIDDEN : HttpStatus.METHOD_NOT_ALLOWED);
				}
			}
		}

		// And nothing changed
		assertThat(get("audrey", base + "/history", ENTRIES).getBody()).isEqualTo(before);
		assertThat(get("audrey", base + "/history/verification", OBJECT).getBody()).containsEntry("intact", true);
	}

	private Incident report(String tenant, String caller, String summary) {
		return this.incidents.report(TestReports.report(summary)
			.by(tenant, caller)
			.description("Reported in a history test.")
			.levels(Level.MEDIUM, Level.MEDIUM)
			.build());
	}

	private Task task(Incident incident, String elementId) {
		return this.tasks.createTaskQuery()
			.processInstanceBusinessKey(incident.number())
			.taskDefinitionKey(elementId)
			.singleResult();
	}

	private void executeJob(Incident incident, String elementId) {
		this.management.executeJob(this.management.createJobQuery()
			.processInstanceId(this.records.get(incident.number()).processInstanceId())
			.activityId(elementId)
			.singleResult()
			.getId());
	}

	/** Acts as the user would in Tasklist: Camunda then logs the user's operations. */
	private void as(String user, List<String> groups, Runnable action) {
		this.identity.setAuthentication(user, groups, List.of("acme"));
		try {
			action.run();
		}
		finally {
			this.identity.clearAuthentication();
		}
	}

	private static void clockAt(Instant instant) {
		ClockUtil.setCurrentTime(Date.from(instant));
	}

	private static int index(List<Map<String, Object>> history, Predicate<Map<String, Object>> matcher) {
		for (int i = 0; i < history.size(); i++) {
			if (matcher.test(history.get(i))) {
				return i;
			}
		}
		throw new AssertionError("No matching entry in " + history);
	}

	private static Predicate<Map<String, Object>> record(String kind) {
		return entry -> "RECORD".equals(entry.get("source")) && (kind == null || kind.equals(entry.get("kind")));
	}

	private static Predicate<Map<String, Object>> process(String kind) {
		return entry -> "PROCESS".equals(entry.get("source")) && kind.equals(entry.get("kind"));
	}

	private static Predicate<Map<String, Object>> actor(String actor) {
		return entry -> actor.equals(entry.get("actor"));
	}

	private static Predicate<Map<String, Object>> described(String text) {
		return entry -> String.valueOf(entry.get("description")).contains(text);
	}

	private static Predicate<Map<String, Object>> field(String field, String oldValue, String newValue) {
		return entry -> field.equals(entry.get("field")) && java.util.Objects.equals(oldValue, entry.get("oldValue"))
				&& java.util.Objects.equals(newValue, entry.get("newValue"));
	}

	private HttpStatus status(String user, String number, String path) {
		return HttpStatus
			.valueOf(get(user, "/api/v1/incidents/" + number + path, String.class).getStatusCode().value());
	}

	private <T> ResponseEntity<T> get(String user, String url, ParameterizedTypeReference<T> type) {
		return this.http.withBasicAuth(user, "demo").exchange(url, HttpMethod.GET, null, type);
	}

	private <T> ResponseEntity<T> get(String user, String url, Class<T> type) {
		return this.http.withBasicAuth(user, "demo").exchange(url, HttpMethod.GET, null, type);
	}

	private ResponseEntity<String> getAccepting(String user, String url, String accept) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.ACCEPT, accept);
		return this.http.withBasicAuth(user, "demo")
			.exchange(url, HttpMethod.GET, new HttpEntity<>(headers), String.class);
	}

	private void post(String user, String url, Object body) {
		assertThat(this.http.withBasicAuth(user, "demo")
			.exchange(url, HttpMethod.POST, json(body), String.class)
			.getStatusCode()
			.is2xxSuccessful()).isTrue();
	}

	private static HttpEntity<Object> json(Object body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return new HttpEntity<>(body, headers);
	}

}

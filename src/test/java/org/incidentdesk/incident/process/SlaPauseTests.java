package org.incidentdesk.incident.process;

import org.incidentdesk.JakartaSlaScenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.incidentdesk.BothDatabases;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.incident.process.IncidentProcess.Element;
import org.junit.jupiter.api.AfterEach;
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
 * The SLA clock pauses while an incident is on hold for a pausing reason: on resume, the
 * response, warning and breach dates move by the paused business time, on the record, on
 * the timers and on the task; a hold for a reason that does not pause moves nothing. The
 * engine clock plays the hours; everything else goes through the REST API.
 */
@IncidentDeskTest
@BothDatabases
class SlaPauseTests extends JakartaSlaScenario {

	@Test
	void aHoldForTwoBusinessHoursMovesAllThreeTimersByTwoBusinessHours() throws Exception {
		// Given a P3 reported Monday 09:00 in Jakarta (working 08:00-17:00): respond by
		// 10:00, warned at 15:24, resolve by 17:00
		String tenant = tenantWithCalendar();
		String number = reportAt(jakarta(9, 9, 0), tenant);
		assertThat(dates(number)).containsExactly(jakarta(9, 10, 0), jakarta(9, 15, 24), jakarta(9, 17, 0));

		// When it waits for the vendor from 09:30 to 11:30
		at(jakarta(9, 9, 30));
		hold(number, "AWAITING_VENDOR");
		at(jakarta(9, 11, 30));
		resume(number);

		// Then every date moved by two business hours: the warning and the breach into
		// Tuesday
		List<ZonedDateTime> moved = List.of(jakarta(9, 12, 0), jakarta(10, 8, 24), jakarta(10, 10, 0));
		assertThat(dates(number)).containsExactlyElementsOf(moved);
		// on the timers
		assertThat(timer(number, Element.BOUNDARY_EVENT_RESPONSE_SLA_DUE)).isEqualTo(moved.get(0).toInstant());
		assertThat(timer(number, Element.BOUNDARY_EVENT_RESOLUTION_SLA_WARNING)).isEqualTo(moved.get(1).toInstant());
		assertThat(timer(number, Element.BOUNDARY_EVENT_RESOLUTION_SLA_BREACHED)).isEqualTo(moved.get(2).toInstant());
		// on the triage task, as Tasklist reads it
		JsonNode task = read("demo", "/engine-rest/task?processInstanceBusinessKey=" + number).get(0);
		assertThat(OffsetDateTime.parse(task.get("due").asText(), ENGINE_REST).toInstant())
			.isEqualTo(moved.get(0).toInstant());
		assertThat(OffsetDateTime.parse(task.get("followUp").asText(), ENGINE_REST).toInstant())
			.isEqualTo(moved.get(1).toInstant());
		// and on the timeline, which the caller sees too
		JsonNode timeline = read("sam", "/api/v1/incidents/" + number + "/timeline");
		assertThat(timeline.toString()).contains("The SLA clock is paused: on hold, awaiting vendor.")
			.contains("The SLA clock runs again after 2h of business time paused");
	}

	@Test
	void aHoldForAReasonThatDoesNotPauseMovesNothing() throws Exception {
		// Given a customer whose contract counts the vendor's time
		String tenant = tenantWithCalendar();
		expect(as("demo", HttpMethod.PUT, "/api/v1/admin/sla/settings/tenants/" + tenant,
				Map.of("pausingReasons", List.of("AWAITING_CALLER"))), HttpStatus.OK);
		String number = reportAt(jakarta(9, 9, 0), tenant);

		// When it waits for the vendor for two hours
		at(jakarta(9, 9, 30));
		hold(number, "AWAITING_VENDOR");
		at(jakarta(9, 11, 30));
		resume(number);

		// Then nothing moved
		assertThat(dates(number)).containsExactly(jakarta(9, 10, 0), jakarta(9, 15, 24), jakarta(9, 17, 0));
		assertThat(timer(number, Element.BOUNDARY_EVENT_RESOLUTION_SLA_BREACHED))
			.isEqualTo(jakarta(9, 17, 0).toInstant());
	}

	@Test
	void waitingForTheCallersReplyPausesTheClockUntilTheReply() throws Exception {
		String tenant = tenantWithCalendar();
		String number = reportAt(jakarta(9, 9, 0), tenant);

		// When the service desk asks the caller at 09:10 and the caller answers at 10:10
		at(jakarta(9, 9, 10));
		String triage = taskOf(number);
		complete("sam", triage, Map.of("triageDecision", "REQUEST_INFO", "callerQuestion", "Which tray jams?"));
		at(jakarta(9, 10, 10));
		expect(as("caller-" + tenant, HttpMethod.POST, "/api/v1/incidents/" + number + "/comments",
				Map.of("body", "The lower tray.")), HttpStatus.CREATED);

		// Then the response was met at 09:10 and stays; the warning and the resolution
		// moved by the hour the incident waited for the caller
		assertThat(dates(number)).containsExactly(jakarta(9, 10, 0), jakarta(9, 16, 24), jakarta(10, 9, 0));
		assertThat(timer(number, Element.BOUNDARY_EVENT_RESOLUTION_SLA_BREACHED))
			.isEqualTo(jakarta(10, 9, 0).toInstant());
		JsonNode task = read("demo", "/engine-rest/task?processInstanceBusinessKey=" + number).get(0);
		assertThat(task.get("taskDefinitionKey").asText()).isEqualTo(Element.TASK_TRIAGE_INCIDENT);
		assertThat(OffsetDateTime.parse(task.get("followUp").asText(), ENGINE_REST).toInstant())
			.isEqualTo(jakarta(9, 16, 24).toInstant());
	}

	@Test
	void aReopenContinuesTheResolutionClockFromItsElapsedTime() throws Exception {
		String tenant = tenantWithCalendar();
		String number = reportAt(jakarta(9, 9, 0), tenant);

		// When the service desk resolves it at 10:00 and the caller rejects that at 13:00
		at(jakarta(9, 10, 0));
		String triage = taskOf(number);
		complete("sam", triage, Map.of("triageDecision", "RESOLVE", "resolutionCode", "SOLVED_WORKAROUND",
				"resolutionNotes", "Cleared the tray."));
		at(jakarta(9, 13, 0));
		expect(as("caller-" + tenant, HttpMethod.POST, "/api/v1/incidents/" + number + "/resolution",
				Map.of("accepted", false, "reason", "It jams again.")), HttpStatus.NO_CONTENT);

		// Then the three business hours it lay resolved do not count: the resolution is
		// due Tuesday 11:00 instead of Monday 17:00, and the re-armed timers say so
		assertThat(dates(number)).containsExactly(jakarta(9, 10, 0), jakarta(10, 9, 24), jakarta(10, 11, 0));
		assertThat(timer(number, Element.BOUNDARY_EVENT_RESOLUTION_SLA_BREACHED))
			.isEqualTo(jakarta(10, 11, 0).toInstant());
		assertThat(timer(number, Element.BOUNDARY_EVENT_RESOLUTION_SLA_WARNING))
			.isEqualTo(jakarta(10, 9, 24).toInstant());
	}

	@Test
	void aPriorityRaisedInTheBreachReviewKeepsTheTimeAlreadyUsed() throws Exception {
		// Given a P3 reported Monday 09:00 that waited two business hours for the vendor
		String tenant = tenantWithCalendar();
		String number = reportAt(jakarta(9, 9, 0), tenant);
		at(jakarta(9, 9, 30));
		hold(number, "AWAITING_VENDOR");
		at(jakarta(9, 11, 30));
		resume(number);

		// When its resolution is overdue (Tuesday 10:00) and the incident manager raises
		// it to P2 in the breach review
		at(jakarta(10, 10, 5));
		runDueJobs(number);
		String review = read("demo", "/engine-rest/task?processInstanceBusinessKey=" + number + "&taskDefinitionKey="
				+ Element.TASK_REVIEW_BREACHED_INCIDENT)
			.get(0)
			.get("id")
			.asText();
		expect(as("ines", HttpMethod.POST, "/engine-rest/task/" + review + "/claim", Map.of("userId", "ines")),
				HttpStatus.NO_CONTENT);
		complete("ines", review, Map.of("reviewDecision", "RAISE_PRIORITY"));

		// Then the P2 targets (30 minutes, 8 hours, around the clock) count from the
		// report, and the two hours paused still do not: respond by 11:30, warned at
		// 17:00, resolve by 19:00 on Monday
		assertThat(read("sam", "/api/v1/incidents/" + number).get("priority").asText()).isEqualTo("P2");
		assertThat(dates(number)).containsExactly(jakarta(9, 11, 30), jakarta(9, 17, 0), jakarta(9, 19, 0));
		assertThat(read("sam", "/api/v1/incidents/" + number + "/timeline").toString())
			.contains("SLA recomputed (priority P3 to P2, from the report time net of 2h paused)");
		// and the triage task, still open, is due with the new response time
		JsonNode triage = read("demo", "/engine-rest/task?processInstanceBusinessKey=" + number + "&taskDefinitionKey="
				+ Element.TASK_TRIAGE_INCIDENT)
			.get(0);
		assertThat(OffsetDateTime.parse(triage.get("due").asText(), ENGINE_REST).toInstant())
			.isEqualTo(jakarta(9, 11, 30).toInstant());
	}

	/** Runs the incident's jobs that are due, as the job executor would. */
	private void runDueJobs(String number) throws Exception {
		String processInstance = read("demo", "/engine-rest/process-instance?businessKey=" + number).get(0)
			.get("id")
			.asText();
		for (int round = 0; round < 10; round++) {
			List<org.camunda.bpm.engine.runtime.Job> due = this.management.createJobQuery()
				.processInstanceId(processInstance)
				.executable()
				.list();
			if (due.isEmpty()) {
				return;
			}
			due.forEach(job -> this.management.executeJob(job.getId()));
		}
	}

	@Test
	void aResponseGivenWhileTheClockIsPausedCountsThePauseSoFar() throws Exception {
		// Given a P3 reported Monday 09:00, due to be answered by 10:00, on hold for the
		// vendor from 09:30
		String tenant = tenantWithCalendar();
		String number = reportAt(jakarta(9, 9, 0), tenant);
		at(jakarta(9, 9, 30));
		hold(number, "AWAITING_VENDOR");

		// When the service desk resolves it at 11:15, still on hold (two and a quarter
		// hours after the report, but only 30 minutes of running clock)
		at(jakarta(9, 11, 15));
		String triage = taskOf(number);
		complete("sam", triage, Map.of("triageDecision", "RESOLVE", "resolutionCode", "SOLVED_WORKAROUND",
				"resolutionNotes", "Swapped the printer."));

		// Then neither the response nor the resolution counts as late
		JsonNode incident = read("sam", "/api/v1/incidents/" + number);
		assertThat(incident.get("state").asText()).isEqualTo("RESOLVED");
		assertThat(incident.get("responseSlaBreached").asBoolean()).as(incident.toString()).isFalse();
		assertThat(incident.get("resolutionSlaBreached").asBoolean()).as(incident.toString()).isFalse();
	}

	@Test
	void manyHoldsEndingAtOnceEachMoveTheirOwnIncidentOnly() throws Exception {
		// Given sixteen P3s reported Monday 09:00, all on hold for the vendor since 09:30
		String tenant = tenantWithCalendar();
		List<String> numbers = new java.util.ArrayList<>();
		for (int i = 0; i < 16; i++) {
			numbers.add(reportAt(jakarta(9, 9, 0), tenant));
		}
		at(jakarta(9, 9, 30));
		for (String number : numbers) {
			hold(number, "AWAITING_VENDOR");
		}

		// When sixteen agents resume them at the same moment, 11:30
		at(jakarta(9, 11, 30));
		java.util.concurrent.ExecutorService agents = java.util.concurrent.Executors.newFixedThreadPool(16);
		try {
			java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
			List<java.util.concurrent.Future<ResponseEntity<String>>> resumed = new java.util.ArrayList<>();
			for (String number : numbers) {
				resumed.add(agents.submit(() -> {
					start.await();
					return as("sam", HttpMethod.POST, "/api/v1/incidents/" + number + "/resume", null);
				}));
			}
			start.countDown();
			for (java.util.concurrent.Future<ResponseEntity<String>> answer : resumed) {
				expect(answer.get(), HttpStatus.NO_CONTENT);
			}
		}
		finally {
			agents.shutdownNow();
		}

		// Then every one of them moved by its two business hours, on the record and on
		// its breach timer
		for (String number : numbers) {
			assertThat(dates(number)).as(number)
				.containsExactly(jakarta(9, 12, 0), jakarta(10, 8, 24), jakarta(10, 10, 0));
			assertThat(timer(number, Element.BOUNDARY_EVENT_RESOLUTION_SLA_BREACHED)).as(number)
				.isEqualTo(jakarta(10, 10, 0).toInstant());
		}
	}

}

package org.incidentdesk.slapolicy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.incidentdesk.BothDatabases;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.TestReports;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.Incidents;
import org.incidentdesk.incident.process.IncidentProcess.Element;
import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * SLA settings changed at runtime time the next incidents' timers, without a restart: the
 * auto-close timer of a resolved incident and the timer of a question to the caller are
 * due by the period that applies to the incident's tenant when the timer is created, its
 * override or else the global settings. The engine's clock stands still at a fixed
 * instant, so the due dates are exact.
 */
@IncidentDeskTest
@BothDatabases
class SlaSettingsTimersTests {

	static final Instant NOW = Instant.parse("2031-01-14T09:00:00Z");

	@Autowired
	TestRestTemplate http;

	@Autowired
	ObjectMapper json;

	@Autowired
	SlaSettings properties;

	@Autowired
	IncidentService incidents;

	@Autowired
	Incidents records;

	@Autowired
	RuntimeService runtime;

	@Autowired
	TaskService tasks;

	@Autowired
	ManagementService management;

	@AfterEach
	void putBackTheSettingsAndTheClock() throws Exception {
		ClockUtil.reset();
		SlaSettingsApiTests.restore(this.http, this.json, this.properties);
	}

	@Test
	void aChangedAutoClosePeriodTimesTheNextResolvedIncidentsOfEveryTenantOrOfTheOneWithAnOverride() throws Exception {
		// Given a resolved incident of globex whose caller has the default period to
		// answer
		ClockUtil.setCurrentTime(Date.from(NOW));
		assertThat(autoCloseDue(resolved("globex", "citra"))).isEqualTo(NOW.plus(this.properties.autoCloseAfter()));

		// When an administrator shortens the period for everybody and gives acme a period
		// of its own
		change("", "{\"autoCloseAfter\": \"PT5H\", \"callerReplyTimeout\": \"P2D\", "
				+ "\"pausingReasons\": [\"AWAITING_CALLER\"]}");
		change("/tenants/acme", "{\"autoCloseAfter\": \"PT9H\"}");

		// Then the next resolved incidents wait by the new periods: acme's by its own,
		// globex's by the global one
		assertThat(autoCloseDue(resolved("acme", "alice"))).isEqualTo(NOW.plus(Duration.ofHours(9)));
		assertThat(autoCloseDue(resolved("globex", "citra"))).isEqualTo(NOW.plus(Duration.ofHours(5)));

		// When acme's override is removed, its next incident follows the global period
		// too
		assertThat(SlaSettingsApiTests
			.exchange(this.http, "demo", HttpMethod.DELETE, SlaSettingsApiTests.SETTINGS + "/tenants/acme", null)
			.getStatusCode()
			.value()).isEqualTo(204);
		assertThat(autoCloseDue(resolved("acme", "alice"))).isEqualTo(NOW.plus(Duration.ofHours(5)));
	}

	@Test
	void aChangedCallerReplyTimeoutTimesTheNextQuestionsToCallersOfEveryTenantOrOfTheOneWithAnOverride()
			throws Exception {
		// Given a question to a caller of acme, which waits the default timeout
		ClockUtil.setCurrentTime(Date.from(NOW));
		assertThat(replyDue(askedTheCaller("acme", "alice"))).isEqualTo(NOW.plus(this.properties.callerReplyTimeout()));

		// When an administrator changes the timeout for everybody and gives acme a
		// timeout of its own
		change("", "{\"autoCloseAfter\": \"P3D\", \"callerReplyTimeout\": \"PT6H\", "
				+ "\"pausingReasons\": [\"AWAITING_CALLER\"]}");
		change("/tenants/acme", "{\"callerReplyTimeout\": \"PT10H30M\"}");

		// Then the next questions wait by the new timeouts
		String acme = askedTheCaller("acme", "alice");
		String globex = askedTheCaller("globex", "citra");
		assertThat(replyDue(acme)).isEqualTo(NOW.plus(Duration.ofMinutes(630)));
		assertThat(replyDue(globex)).isEqualTo(NOW.plus(Duration.ofHours(6)));

		// And when a timeout passes, the note says the timeout of the caller's
		// organisation
		ClockUtil.setCurrentTime(Date.from(NOW.plus(Duration.ofHours(11))));
		this.management.executeJob(replyTimer(acme).getId());
		assertThat(this.records.timeline(number(acme), true))
			.anyMatch(entry -> entry.body() != null && entry.body().contains("did not reply within PT10H30M"));
	}

	private void change(String path, String body) {
		ResponseEntity<String> response = SlaSettingsApiTests.exchange(this.http, "demo", HttpMethod.PUT,
				SlaSettingsApiTests.SETTINGS + path, body);
		assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
	}

	/** Reports an incident and resolves it at triage; returns its process instance. */
	private String resolved(String tenant, String caller) {
		String pi = reported(tenant, caller);
		complete(pi, Map.of(Var.TRIAGE_DECISION, "RESOLVE", Var.RESOLUTION_CODE, "SOLVED_WORKAROUND",
				Var.RESOLUTION_NOTES, "Restarted the service."));
		assertThat(this.tasks.createTaskQuery()
			.processInstanceId(pi)
			.taskDefinitionKey(Element.TASK_CONFIRM_RESOLUTION)
			.count()).isEqualTo(1);
		return pi;
	}

	/** Reports an incident and asks the caller a question at triage. */
	private String askedTheCaller(String tenant, String caller) {
		String pi = reported(tenant, caller);
		complete(pi, Map.of(Var.TRIAGE_DECISION, "REQUEST_INFO", Var.CALLER_QUESTION, "Which floor are you on?"));
		return pi;
	}

	private String reported(String tenant, String caller) {
		Incident incident = this.incidents
			.report(TestReports.report("Mail stuck in the outbox").by(tenant, caller).build());
		return this.runtime.createProcessInstanceQuery()
			.processInstanceBusinessKey(incident.number())
			.singleResult()
			.getId();
	}

	private void complete(String pi, Map<String, Object> variables) {
		String task = this.tasks.createTaskQuery()
			.processInstanceId(pi)
			.taskDefinitionKey(Element.TASK_TRIAGE_INCIDENT)
			.singleResult()
			.getId();
		this.tasks.complete(task, variables);
	}

	private Instant autoCloseDue(String pi) {
		return timer(pi, Element.BOUNDARY_EVENT_CONFIRMATION_TIMED_OUT).getDuedate().toInstant();
	}

	private Instant replyDue(String pi) {
		return replyTimer(pi).getDuedate().toInstant();
	}

	private Job replyTimer(String pi) {
		return timer(pi, Element.EVENT_CALLER_REPLY_TIMED_OUT);
	}

	private Job timer(String pi, String activityId) {
		return this.management.createJobQuery().processInstanceId(pi).activityId(activityId).timers().singleResult();
	}

	private String number(String pi) {
		return this.runtime.createProcessInstanceQuery().processInstanceId(pi).singleResult().getBusinessKey();
	}

}

package org.incidentdesk.metrics;

import org.incidentdesk.TestReports;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.incident.Channel;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.Level;
import org.incidentdesk.incident.ReportIncident;
import org.incidentdesk.incident.process.IncidentProcess.Element;
import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The operators' metrics as Prometheus scrapes them: {@code /actuator/prometheus} over
 * real HTTP on the whole application (H2, demo world), read by the administrator and by a
 * member of {@code monitoring}. The Prometheus export is on for this class only (Spring
 * Boot's tests run without it), and gauges are read afresh on every scrape so that a test
 * sees its own change at once. The tests of this class share their database and engine,
 * so every check compares a reading before and after.
 */
@IncidentDeskTest
@AutoConfigureObservability(tracing = false)
@TestPropertySource(properties = { "incident-desk.metrics.readings-max-age=0s",
		"spring.datasource.url=jdbc:h2:mem:operator-metrics;DB_CLOSE_DELAY=-1" })
// Its own database, as the context differs anyway (the export), so that the jobs
// failed here stay out of the shared one. Camunda's REST API and webapps find the
// engine "default" in a static registry, so this context is closed after the class,
// as AccessMatrixTests' is.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OperatorMetricsTests {

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	@Autowired
	TestRestTemplate http;

	@Autowired
	RuntimeService runtime;

	@Autowired
	TaskService tasks;

	@Autowired
	ManagementService management;

	@Autowired
	IdentityService identity;

	@Autowired
	IncidentService incidents;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeterRegistry registry;

	@Autowired
	PlatformTransactionManager transactions;

	@AfterEach
	void resetClock() {
		ClockUtil.reset();
	}

	@Test
	void countsIncidentsOpenedPerChannelAndTenant() {
		// Given the counts so far
		Scrape before = scrape("demo");

		// When alice (acme) reports twice through the API and the service desk takes a
		// call from citra (globex)
		report("alice", body("VPN drops"));
		report("alice", body("Printer jams"));
		Map<String, Object> phoned = body("Laptop does not boot");
		phoned.putAll(Map.of("tenantId", "globex", "callerId", "citra", "channel", "PHONE"));
		report("sam", phoned);

		// Then each channel and tenant counts its own
		Scrape after = scrape("demo");
		String opened = "incidentdesk_incidents_opened_total";
		assertThat(after.value(opened, "channel", "API", "tenant", "acme"))
			.isEqualTo(before.value(opened, "channel", "API", "tenant", "acme") + 2);
		assertThat(after.value(opened, "channel", "PHONE", "tenant", "globex"))
			.isEqualTo(before.value(opened, "channel", "PHONE", "tenant", "globex") + 1);
		assertThat(after.value(opened, "channel", "API", "tenant", "globex"))
			.isEqualTo(before.value(opened, "channel", "API", "tenant", "globex"));
		assertThat(after.text()).contains("# HELP " + opened + " Incidents opened, per channel");
	}

	@Test
	void onlyAdministratorsAndTheMonitoringGroupReadTheMetrics() {
		// Given Prometheus's own user, created as the README says
		String user = "scraper-" + UUID.randomUUID().toString().substring(0, 8);
		Map<String, Object> body = new HashMap<>(Map.of("id", user, "firstName", "Prometheus", "lastName", "Scraper",
				"email", user + "@incidentdesk.example", "password", "Scrape-Metrics-2026!", "role", "STAFF"));
		body.put("groups", List.of("monitoring"));
		assertThat(this.http.withBasicAuth("demo", "demo")
			.postForEntity("/api/v1/admin/users", body, String.class)
			.getStatusCode()).isEqualTo(HttpStatus.CREATED);

		// Then it reads the incident desk's meters, and a caller or the service
		// desk does not
		ResponseEntity<String> scraped = this.http.withBasicAuth(user, "Scrape-Metrics-2026!")
			.getForEntity("/actuator/prometheus", String.class);
		assertThat(scraped.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(scraped.getBody()).contains("incidentdesk_jobs_due", "incidentdesk_outbox_pending");
		for (String other : List.of("alice", "sam")) {
			assertThat(as(other).getForEntity("/actuator/prometheus", String.class).getStatusCode())
				.isEqualTo(HttpStatus.FORBIDDEN);
		}
	}

	@Test
	void aRolledBackReportCountsNothing() {
		// Given the counts so far
		double before = scrape("demo").value("incidentdesk_incidents_opened_total", "channel", "EMAIL", "tenant",
				"acme");
		long incidentsBefore = incidentCount();

		// When a report's transaction rolls back after the record and its process
		// were created
		new TransactionTemplate(this.transactions).executeWithoutResult(status -> {
			this.incidents.report(TestReports.report("Rolled back")
				.via(Channel.EMAIL)
				.description(null)
				.category("software")
				.build());
			status.setRollbackOnly();
		});

		// Then nothing was stored, and nothing counted
		assertThat(incidentCount()).isEqualTo(incidentsBefore);
		assertThat(scrape("demo").value("incidentdesk_incidents_opened_total", "channel", "EMAIL", "tenant", "acme"))
			.isEqualTo(before);

		// While the same report committed counts once
		this.incidents
			.report(TestReports.report("Committed").via(Channel.EMAIL).description(null).category("software").build());
		assertThat(scrape("demo").value("incidentdesk_incidents_opened_total", "channel", "EMAIL", "tenant", "acme"))
			.isEqualTo(before + 1);
	}

	@Test
	void recordsTheTimeToFirstResponsePerTenantAndPriority() {
		// Given an incident of acme reported through the API
		Map<String, Object> incident = report("alice", body("Outlook does not sync"));
		String priority = (String) incident.get("priority");
		String count = "incidentdesk_incidents_first_response_seconds_count";
		String sum = "incidentdesk_incidents_first_response_seconds_sum";
		Scrape before = scrape("demo");

		// When the service desk picks it up ten minutes later
		passTime(Duration.ofMinutes(10));
		this.tasks.claim(task(number(incident), Element.TASK_TRIAGE_INCIDENT), "sam");
		// and again after that, which is no first response
		this.tasks.setAssignee(task(number(incident), Element.TASK_TRIAGE_INCIDENT), "sari");

		// Then one response of about ten minutes is recorded for acme and that priority
		Scrape after = scrape("demo");
		assertThat(after.value(count, "priority", priority, "tenant", "acme"))
			.isEqualTo(before.value(count, "priority", priority, "tenant", "acme") + 1);
		assertThat(after.value(sum, "priority", priority, "tenant", "acme")
				- before.value(sum, "priority", priority, "tenant", "acme"))
			.isCloseTo(600, within(5.0));
		// with the histogram's buckets for percentiles
		assertThat(after.value("incidentdesk_incidents_first_response_seconds_bucket", "le", "+Inf", "priority",
				priority, "tenant", "acme"))
			.isEqualTo(after.value(count, "priority", priority, "tenant", "acme"));
		assertThat(after.lines("incidentdesk_incidents_first_response_seconds_bucket", "priority", priority, "tenant",
				"acme"))
			.hasSizeGreaterThan(10);
	}

	@Test
	void countsResponseSlaBreachesOncePerIncident() {
		// Given an incident nobody picks up
		Map<String, Object> incident = report("alice", body("ERP is slow"));
		String priority = (String) incident.get("priority");
		Scrape before = scrape("demo");

		// When its response due time passes and the escalation runs
		ProcessInstance pi = process(number(incident));
		executeWhenDue(pi, Element.BOUNDARY_EVENT_RESPONSE_SLA_DUE);
		execute(pi, Element.TASK_ESCALATE_OVERDUE_RESPONSE);
		// and somebody picks it up late, which is the same breach
		this.tasks.claim(task(number(incident), Element.TASK_TRIAGE_INCIDENT), "sam");

		// Then one response breach counts for acme and that priority
		Scrape after = scrape("demo");
		String breaches = "incidentdesk_sla_breaches_total";
		assertThat(after.value(breaches, "priority", priority, "sla", "response", "tenant", "acme"))
			.isEqualTo(before.value(breaches, "priority", priority, "sla", "response", "tenant", "acme") + 1);
		assertThat(after.value(breaches, "priority", priority, "sla", "resolution", "tenant", "acme"))
			.isEqualTo(before.value(breaches, "priority", priority, "sla", "resolution", "tenant", "acme"));
	}

	@Test
	void countsResolutionSlaWarningsAndBreaches() {
		// Given an incident of acme with a support team
		Map<String, Object> incident = report("alice", body("Mail server rejects mail"));
		String priority = (String) incident.get("priority");
		ProcessInstance pi = process(number(incident));
		this.tasks.complete(task(number(incident), Element.TASK_TRIAGE_INCIDENT),
				Variables.putValue(Var.TRIAGE_DECISION, "ESCALATE"));
		String warnings = "incidentdesk_sla_warnings_total";
		String breaches = "incidentdesk_sla_breaches_total";
		Scrape before = scrape("demo");

		// When the warning threshold passes
		executeWhenDue(pi, Element.BOUNDARY_EVENT_RESOLUTION_SLA_WARNING);
		execute(pi, Element.TASK_WARN_INCIDENT_MANAGER);

		// Then one warning counts, and no breach yet
		Scrape warned = scrape("demo");
		assertThat(warned.value(warnings, "priority", priority, "tenant", "acme"))
			.isEqualTo(before.value(warnings, "priority", priority, "tenant", "acme") + 1);
		assertThat(warned.value(breaches, "priority", priority, "sla", "resolution", "tenant", "acme"))
			.isEqualTo(before.value(breaches, "priority", priority, "sla", "resolution", "tenant", "acme"));

		// When the resolution due time passes
		executeWhenDue(pi, Element.BOUNDARY_EVENT_RESOLUTION_SLA_BREACHED);
		execute(pi, Element.TASK_RECORD_SLA_BREACH);

		// Then one resolution breach counts
		Scrape breached = scrape("demo");
		assertThat(breached.value(breaches, "priority", priority, "sla", "resolution", "tenant", "acme"))
			.isEqualTo(before.value(breaches, "priority", priority, "sla", "resolution", "tenant", "acme") + 1);
		assertThat(breached.value(warnings, "priority", priority, "tenant", "acme"))
			.isEqualTo(warned.value(warnings, "priority", priority, "tenant", "acme"));
	}

	@Test
	void showsTheJobExecutorsBacklogAndLateness() {
		// Given an incident whose SLA timers are not due yet
		Map<String, Object> incident = report("alice", body("Scanner is offline"));
		ProcessInstance pi = process(number(incident));
		List<Job> timers = this.management.createJobQuery().processInstanceId(pi.getId()).timers().list();
		assertThat(timers).isNotEmpty();
		Scrape before = scrape("demo");

		// When the engine's clock passes all of them by a day (the job executor is off)
		Date latest = timers.stream().map(Job::getDuedate).max(Date::compareTo).orElseThrow();
		Date earliest = timers.stream().map(Job::getDuedate).min(Date::compareTo).orElseThrow();
		ClockUtil.setCurrentTime(Date.from(latest.toInstant().plus(Duration.ofDays(1))));

		// Then they are in the backlog, and the oldest due job waits at least as long as
		// the earliest of them
		Scrape after = scrape("demo");
		assertThat(after.value("incidentdesk_jobs_due"))
			.isGreaterThanOrEqualTo(before.value("incidentdesk_jobs_due") + timers.size());
		assertThat(after.value("incidentdesk_jobs_oldest_due_age_seconds"))
			.isGreaterThanOrEqualTo((ClockUtil.getCurrentTime().getTime() - earliest.getTime()) / 1000.0);

		// When one of them fails for good
		this.management.setJobRetries(timers.get(0).getId(), 0);

		// Then it counts as failed, and no longer as due
		Scrape failed = scrape("demo");
		assertThat(failed.value("incidentdesk_jobs_failed")).isEqualTo(after.value("incidentdesk_jobs_failed") + 1);
		assertThat(failed.value("incidentdesk_jobs_due")).isEqualTo(after.value("incidentdesk_jobs_due") - 1);
	}

	@Test
	void readsTheJobsAsTheEngineWhateverUserTheThreadCarries() {
		// Given a backlog that only the engine sees whole
		report("citra", body("Till does not print"));
		ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(30))));
		long all = this.management.createJobQuery().executable().count();
		this.identity.setAuthentication("alice", List.of(), List.of("acme"));
		try {
			assertThat(this.management.createJobQuery().executable().count()).isLessThan(all);

			// When the gauge is read on a thread signed in to the engine as a caller
			double due = this.registry.get(JobMeters.DUE).gauge().value();

			// Then it still counts every due job
			assertThat(due).isEqualTo(all);
		}
		finally {
			this.identity.clearAuthentication();
		}
	}

	@Test
	void showsTheOutboxDepth() {
		// Given the outbox so far (no mail server in the tests, so nothing is sent)
		Scrape before = scrape("demo");

		// When an incident is reported, which queues the caller's confirmation
		Map<String, Object> incident = report("bob", body("Phone has no dial tone"));
		long queued = this.jdbc.sql("""
				select count(*) from notification n join incident i on i.id = n.incident_id
				where i.number = :number and n.status = 'PENDING'""")
			.param("number", number(incident))
			.query(Long.class)
			.single();
		assertThat(queued).isPositive();

		// Then they wait in the outbox
		Scrape after = scrape("demo");
		assertThat(after.value("incidentdesk_outbox_pending"))
			.isEqualTo(before.value("incidentdesk_outbox_pending") + queued);

		// When one of them is given up
		this.jdbc.sql("""
				update notification set status = 'FAILED' where id = (select min(n.id) from notification n
				join incident i on i.id = n.incident_id where i.number = :number)""")
			.param("number", number(incident))
			.update();

		// Then it counts as failed instead
		Scrape failed = scrape("demo");
		assertThat(failed.value("incidentdesk_outbox_failed")).isEqualTo(after.value("incidentdesk_outbox_failed") + 1);
		assertThat(failed.value("incidentdesk_outbox_pending"))
			.isEqualTo(after.value("incidentdesk_outbox_pending") - 1);
	}

	private Scrape scrape(String user) {
		ResponseEntity<String> response = as(user).getForEntity("/actuator/prometheus", String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		return new Scrape(response.getBody());
	}

	private Map<String, Object> report(String user, Map<String, Object> body) {
		ResponseEntity<Map<String, Object>> response = as(user).exchange("/api/v1/incidents", HttpMethod.POST,
				new HttpEntity<>(body), MAP);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		return response.getBody();
	}

	private static Map<String, Object> body(String summary) {
		return new HashMap<>(
				Map.of("summary", summary, "category", "software", "impact", "MEDIUM", "urgency", "MEDIUM"));
	}

	private static String number(Map<String, Object> incident) {
		return (String) incident.get("number");
	}

	private ProcessInstance process(String number) {
		return this.runtime.createProcessInstanceQuery().processInstanceBusinessKey(number).singleResult();
	}

	private String task(String number, String taskKey) {
		return this.tasks.createTaskQuery()
			.processInstanceBusinessKey(number)
			.taskDefinitionKey(taskKey)
			.singleResult()
			.getId();
	}

	private void execute(ProcessInstance pi, String activityId) {
		this.management.executeJob(job(pi, activityId).getId());
	}

	/** Moves the engine's clock just past the timer's due date and fires it. */
	private void executeWhenDue(ProcessInstance pi, String activityId) {
		Job timer = job(pi, activityId);
		ClockUtil.setCurrentTime(Date.from(timer.getDuedate().toInstant().plusSeconds(1)));
		this.management.executeJob(timer.getId());
	}

	private Job job(ProcessInstance pi, String activityId) {
		Job job = this.management.createJobQuery().processInstanceId(pi.getId()).activityId(activityId).singleResult();
		assertThat(job).as("job of %s", activityId).isNotNull();
		return job;
	}

	private long incidentCount() {
		return this.jdbc.sql("select count(*) from incident").query(Long.class).single();
	}

	private TestRestTemplate as(String user) {
		return this.http.withBasicAuth(user, "demo");
	}

	private static void passTime(Duration duration) {
		ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(duration)));
	}

}

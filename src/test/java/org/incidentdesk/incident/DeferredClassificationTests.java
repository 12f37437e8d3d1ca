package org.incidentdesk.incident;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.incident.process.IncidentProcess.Element;
import org.incidentdesk.portal.PortalSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A report taken during a burst: stored and answered at once, classified a moment later
 * in the job executor. Here every report is taken that way
 * ({@code classify-in-request-limit=0}); the job executor is off in tests, so each test
 * runs the queued classification itself, or lets the service desk's action settle it.
 */
@IncidentDeskTest
@TestPropertySource(properties = { "incident-desk.intake.classify-in-request-limit=0",
		"spring.datasource.url=jdbc:h2:mem:deferred-classification;DB_CLOSE_DELAY=-1" })
// Its own database, as the context differs anyway; Camunda's REST API and webapps find
// the
// engine "default" in a static registry, so this context is closed after the class.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DeferredClassificationTests {

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	@LocalServerPort
	int port;

	@Autowired
	TestRestTemplate http;

	@Autowired
	IncidentRecords records;

	@Autowired
	ManagementService management;

	@Autowired
	TaskService tasks;

	@AfterEach
	void resetClock() {
		ClockUtil.reset();
	}

	@Test
	void aReportIsAnsweredAtOnceAndClassifiedByTheJobAfterIt() {
		// When alice reports during a burst
		ResponseEntity<Map<String, Object>> answer = report("alice", "Printer jams on floor 2");

		// Then the report is taken and answered before its classification
		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		String number = (String) answer.getBody().get("number");
		assertThat(answer.getBody().get("state")).isEqualTo("NEW");
		assertThat(answer.getBody().get("priority")).isNull();
		Incident stored = this.records.get(number);
		assertThat(stored.priority()).isNull();
		assertThat(stored.processInstanceId()).isNotNull();
		assertThat(triageTask(stored)).isNull();
		// queued below every other job, so due SLA timers go first
		assertThat(classificationJob(stored).getPriority()).isNegative();
		// and she reads it through the API and on her portal page, not classified yet
		ResponseEntity<Map<String, Object>> read = this.http.withBasicAuth("alice", "demo")
			.exchange("/api/v1/incidents/" + number, HttpMethod.GET, null, MAP);
		assertThat(read.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(read.getBody().get("priority")).isNull();
		HttpResponse<String> page = PortalSession.signedIn(this.port, "alice", "demo")
			.get("/portal/incidents/" + number);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains(number, "Printer jams on floor 2");

		// When the job executor runs the queued classification
		this.management.executeJob(classificationJob(stored).getId());

		// Then it has its priority, SLA times, suggestions and triage task, and the
		// timeline
		// names the system as the classifier
		Incident classified = this.records.get(number);
		assertThat(classified.priority()).isNotNull();
		assertThat(classified.responseDueAt()).isAfter(classified.createdAt());
		assertThat(triageTask(classified)).isNotNull();
		assertThat(this.records.timeline(number, true)).anySatisfy(entry -> {
			assertThat(entry.field()).isEqualTo("priority");
			assertThat(entry.author()).isEqualTo("system");
		});
	}

	@Test
	void theSlaTimesCountFromTheReportNotFromTheClassification() {
		Incident classifiedAtOnce = this.records.get(number(report("bob", "Scanner offline, classified at once")));
		Incident classifiedLater = this.records.get(number(report("bob", "Scanner offline, classified later")));
		this.management.executeJob(classificationJob(classifiedAtOnce).getId());

		// When the second one's classification runs a week after it was reported
		ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofDays(7))));
		this.management.executeJob(classificationJob(classifiedLater).getId());

		// Then both got the same response and resolution times, counted from their
		// reports, made within moments of each other (the same instant when both were
		// made outside acme's business hours)
		Incident first = this.records.get(classifiedAtOnce.number());
		Incident second = this.records.get(classifiedLater.number());
		assertThat(Duration.between(first.responseDueAt(), second.responseDueAt()).abs())
			.isLessThan(Duration.ofMinutes(1));
		assertThat(Duration.between(first.resolutionDueAt(), second.resolutionDueAt()).abs())
			.isLessThan(Duration.ofMinutes(1));
	}

	@Test
	void theServiceDeskResolvesAtTriageAnIncidentStillWaitingForItsClassification() {
		String number = number(report("alice", "Monitor flickers, resolved before classified"));
		assertThat(classificationJob(this.records.get(number))).isNotNull();

		// When the service desk resolves it at once
		ResponseEntity<String> resolved = this.http.withBasicAuth("sam", "demo")
			.postForEntity("/api/v1/incidents/" + number + "/resolve",
					Map.of("resolutionCode", "SOLVED_PERMANENTLY", "resolutionNotes", "Replaced the cable."),
					String.class);

		// Then the classification runs first, and the resolution at triage goes through
		assertThat(resolved.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		Incident after = this.records.get(number);
		assertThat(after.state()).isEqualTo(IncidentState.RESOLVED);
		assertThat(after.priority()).isNotNull();
		assertThat(after.firstContactResolution()).isTrue();
		assertThat(classificationJob(after)).isNull();
	}

	@Test
	void theCallerWithdrawsAnIncidentStillWaitingForItsClassification() {
		String number = number(report("alice", "Mouse not needed any more"));

		ResponseEntity<String> withdrawn = this.http.withBasicAuth("alice", "demo")
			.postForEntity("/api/v1/incidents/" + number + "/withdrawal", Map.of("reason", "It works again."),
					String.class);

		assertThat(withdrawn.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(this.records.get(number).state()).isEqualTo(IncidentState.CANCELLED);
		assertThat(
				this.management.createJobQuery().processInstanceId(this.records.get(number).processInstanceId()).list())
			.isEmpty();
	}

	private ResponseEntity<Map<String, Object>> report(String caller, String summary) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		String body = """
				{"tenantId":"acme","callerId":"%s","channel":"PORTAL","category":"hardware","summary":"%s",
				 "description":"It started this morning.","impact":"MEDIUM","urgency":"MEDIUM"}
				""".formatted(caller, summary);
		return this.http.withBasicAuth(caller, "demo")
			.exchange("/api/v1/incidents", HttpMethod.POST, new HttpEntity<>(body, headers), MAP);
	}

	private static String number(ResponseEntity<Map<String, Object>> answer) {
		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		return (String) answer.getBody().get("number");
	}

	private Job classificationJob(Incident incident) {
		List<Job> jobs = this.management.createJobQuery()
			.processInstanceId(incident.processInstanceId())
			.activityId(Element.TASK_CLASSIFY_INCIDENT)
			.list();
		return jobs.isEmpty() ? null : jobs.get(0);
	}

	private org.camunda.bpm.engine.task.Task triageTask(Incident incident) {
		return this.tasks.createTaskQuery()
			.processInstanceId(incident.processInstanceId())
			.taskDefinitionKey(Element.TASK_TRIAGE_INCIDENT)
			.singleResult();
	}

}

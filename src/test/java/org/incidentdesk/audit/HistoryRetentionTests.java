package org.incidentdesk.audit;

import org.incidentdesk.TestReports;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.incident.Channel;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentRecords;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.IncidentState;
import org.incidentdesk.incident.Level;
import org.incidentdesk.incident.ReportIncident;
import org.incidentdesk.incident.process.IncidentProcess.Element;
import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.incidentdesk.system.StartUpLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention on the real engine: Camunda's history cleanup removes the process history of
 * closed incidents once their history time to live has passed, and never that of an
 * incident that is still open; the record's own timeline stays.
 */
@IncidentDeskTest
class HistoryRetentionTests {

	private static final ParameterizedTypeReference<List<Map<String, Object>>> ENTRIES = new ParameterizedTypeReference<>() {
	};

	private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {
	};

	@Autowired
	TestRestTemplate http;

	@Autowired
	StartUpLock startUpLock;

	@Autowired
	IncidentService incidents;

	@Autowired
	IncidentRecords records;

	@Autowired
	TaskService tasks;

	@Autowired
	HistoryService history;

	@Autowired
	ManagementService management;

	@Autowired
	RepositoryService repository;

	@AfterEach
	void resetClock() {
		ClockUtil.reset();
	}

	@Test
	void cleanupRemovesTheProcessHistoryOfClosedIncidentsOnlyAndKeepsTheirTimeline() {
		// Given a closed incident, one resolved and awaiting the caller's confirmation,
		// and one still in triage
		Incident closed = report("Closed long ago");
		resolveInTriage(closed);
		this.incidents.answerResolution(closed.number(), closed.callerId(), true, null);
		Incident awaiting = report("Resolved, awaiting confirmation");
		resolveInTriage(awaiting);
		Incident open = report("Still in triage");
		assertThat(this.records.get(closed.number()).state()).isEqualTo(IncidentState.CLOSED);
		assertThat(this.records.get(awaiting.number()).state()).isEqualTo(IncidentState.RESOLVED);
		assertThat(this.records.get(open.number()).state()).isEqualTo(IncidentState.NEW);
		HistoryCounts awaitingBefore = counts(awaiting);
		HistoryCounts openBefore = counts(open);
		assertThat(counts(closed).activities()).isPositive();
		assertThat(processInstance(closed).getRemovalTime()).isNotNull();
		assertThat(processInstance(awaiting).getRemovalTime()).isNull();
		int entriesBefore = get(closed, "", ENTRIES).getBody().stream().filter(this::fromRecord).toList().size();

		// When the clock is far past every time to live and the history cleanup runs
		ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofDays(3 * 365))));
		runHistoryCleanup();

		// Then the closed incident's process history is gone
		assertThat(counts(closed)).isEqualTo(new HistoryCounts(0, 0, 0, 0, 0, 0));
		// And the open incidents' is complete
		assertThat(counts(awaiting)).isEqualTo(awaitingBefore);
		assertThat(counts(open)).isEqualTo(openBefore);

		// And the closed incident's history still has its record timeline and says why
		// the process part is missing
		ResponseEntity<List<Map<String, Object>>> response = get(closed, "", ENTRIES);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		List<Map<String, Object>> entries = response.getBody();
		assertThat(entries.stream().filter(this::fromRecord).toList()).hasSize(entriesBefore)
			.anyMatch(entry -> "CLOSED".equals(entry.get("newValue")));
		assertThat(entries.stream().filter(entry -> !fromRecord(entry)).toList()).singleElement()
			.satisfies(entry -> assertThat(entry).containsEntry("kind", "PROCESS_HISTORY_REMOVED")
				.extractingByKey("description")
				.asString()
				.contains("removed by retention"));
		assertThat(get(closed, "?format=csv", STRING).getBody()).contains("PROCESS_HISTORY_REMOVED");
		assertThat(get(closed, "/verification", OBJECT).getBody()).containsEntry("intact", true);
		// And the open ones' history still shows their process
		assertThat(get(awaiting, "", ENTRIES).getBody()).anyMatch(entry -> "PROCESS_STARTED".equals(entry.get("kind")))
			.noneMatch(entry -> "PROCESS_HISTORY_REMOVED".equals(entry.get("kind")));
	}

	@Test
	void theHistoryTimeToLiveSettingRetimesEveryDeployedVersion() {
		// Given the models' time to live
		int modelDays = this.repository.createProcessDefinitionQuery()
			.processDefinitionKey("IncidentManagement")
			.latestVersion()
			.singleResult()
			.getHistoryTimeToLive();
		try {
			// When an administrator sets incident-desk.audit.history-time-to-live
			retention(Duration.ofDays(730)).applyHistoryTimeToLive();

			// Then every process and decision definition version has it
			assertThat(this.repository.createProcessDefinitionQuery().list())
				.allSatisfy(definition -> assertThat(definition.getHistoryTimeToLive()).isEqualTo(730));
			assertThat(this.repository.createDecisionDefinitionQuery().list())
				.allSatisfy(definition -> assertThat(definition.getHistoryTimeToLive()).isEqualTo(730));
		}
		finally {
			retention(Duration.ofDays(modelDays)).applyHistoryTimeToLive();
		}
		// And without the setting nothing is changed
		retention(null).applyHistoryTimeToLive();
		assertThat(this.repository.createProcessDefinitionQuery().list())
			.allSatisfy(definition -> assertThat(definition.getHistoryTimeToLive()).isEqualTo(modelDays));
	}

	private static final ParameterizedTypeReference<String> STRING = new ParameterizedTypeReference<>() {
	};

	private HistoryRetention retention(Duration timeToLive) {
		return new HistoryRetention(this.repository, new AuditSettings(null, false, timeToLive), this.startUpLock);
	}

	/**
	 * Runs the cleanup job until it has nothing left that is due: each run removes one
	 * batch and, if there may be more, is due again at once.
	 */
	private void runHistoryCleanup() {
		this.history.cleanUpHistoryAsync(true);
		for (int run = 0; run < 100; run++) {
			Date now = ClockUtil.getCurrentTime();
			List<Job> due = this.history.findHistoryCleanupJobs()
				.stream()
				.filter(job -> job.getDuedate() == null || !job.getDuedate().after(now))
				.toList();
			if (due.isEmpty()) {
				return;
			}
			due.forEach(job -> this.management.executeJob(job.getId()));
		}
		throw new AssertionError("The history cleanup did not finish in 100 runs");
	}

	private HistoryCounts counts(Incident incident) {
		String id = this.records.get(incident.number()).processInstanceId();
		return new HistoryCounts(this.history.createHistoricProcessInstanceQuery().processInstanceId(id).count(),
				this.history.createHistoricActivityInstanceQuery().processInstanceId(id).count(),
				this.history.createHistoricTaskInstanceQuery().processInstanceId(id).count(),
				this.history.createHistoricVariableInstanceQuery().processInstanceId(id).count(),
				this.history.createHistoricDecisionInstanceQuery().processInstanceId(id).count(),
				this.history.createHistoricDetailQuery().processInstanceId(id).count());
	}

	private HistoricProcessInstance processInstance(Incident incident) {
		return this.history.createHistoricProcessInstanceQuery()
			.processInstanceId(this.records.get(incident.number()).processInstanceId())
			.singleResult();
	}

	private Incident report(String summary) {
		return this.incidents.report(TestReports.report(summary).description("Reported in a retention test.").build());
	}

	private void resolveInTriage(Incident incident) {
		String triage = this.tasks.createTaskQuery()
			.processInstanceBusinessKey(incident.number())
			.taskDefinitionKey(Element.TASK_TRIAGE_INCIDENT)
			.singleResult()
			.getId();
		this.tasks.complete(triage, Map.of(Var.TRIAGE_DECISION, "RESOLVE", Var.RESOLUTION_CODE, "USER_ERROR",
				Var.RESOLUTION_NOTES, "Explained the setting."));
	}

	private boolean fromRecord(Map<String, Object> entry) {
		return "RECORD".equals(entry.get("source"));
	}

	private <T> ResponseEntity<T> get(Incident incident, String path, ParameterizedTypeReference<T> type) {
		return this.http.withBasicAuth("audrey", "demo")
			.exchange("/api/v1/incidents/" + incident.number() + "/history" + path, HttpMethod.GET, null, type);
	}

	record HistoryCounts(long instances, long activities, long tasks, long variables, long decisions, long details) {
	}

}

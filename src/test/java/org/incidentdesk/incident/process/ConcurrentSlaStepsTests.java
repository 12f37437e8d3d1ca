package org.incidentdesk.incident.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.incidentdesk.BothDatabases;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.TestReports;
import org.incidentdesk.incident.Activity;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentRecords;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.Level;
import org.incidentdesk.incident.process.IncidentProcess.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two SLA steps of one incident at the same moment, as two nodes' job executors run them
 * when both SLAs have passed (after a re-timing, or a node catching up): the escalation
 * of the overdue response and the record of the resolution breach both change the
 * incident's row. One node runs an incident's steps one after the other (they are
 * exclusive jobs), two nodes do not. The step that loses must run again within seconds
 * with its retries kept, not five minutes later by the model's retry cycle for real
 * failures, and in the end each step's entry is on the timeline once. On H2 and on
 * PostgreSQL.
 */
@IncidentDeskTest
@BothDatabases
class ConcurrentSlaStepsTests {

	/** Incidents raced; each round is one chance for the two steps to collide. */
	private static final int ROUNDS = 12;

	private static final String RESPONSE_ENTRY = "Response SLA missed: escalated to the incident manager.";

	private static final String BREACH_ENTRY = "Resolution SLA breached: the incident manager reviews the incident.";

	@Autowired
	IncidentService incidents;

	@Autowired
	IncidentRecords records;

	@Autowired
	RuntimeService runtime;

	@Autowired
	ManagementService management;

	@AfterEach
	void resetClock() {
		ClockUtil.reset();
	}

	@Test
	void theStepThatLosesTheRaceRunsAgainWithinSecondsAndEachEntryIsWrittenOnce() throws Exception {
		// Given incidents nobody picked up, whose response and resolution SLAs have both
		// passed, and whose timers fired
		List<Incident> reported = new ArrayList<>();
		for (int i = 0; i < ROUNDS; i++) {
			reported.add(this.incidents.report(TestReports.report("Shared drive unreachable " + i)
				.category("network")
				.levels(Level.MEDIUM, Level.MEDIUM)
				.build()));
		}
		ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(30))));
		for (Incident incident : reported) {
			ProcessInstance pi = process(incident);
			this.management.executeJob(job(pi, Element.BOUNDARY_EVENT_RESPONSE_SLA_DUE).getId());
			this.management.executeJob(job(pi, Element.BOUNDARY_EVENT_RESOLUTION_SLA_BREACHED).getId());
		}

		// When each incident's two steps start at the same moment
		int collisions = 0;
		ExecutorService nodes = Executors.newFixedThreadPool(2);
		try {
			for (Incident incident : reported) {
				ProcessInstance pi = process(incident);
				List<String> steps = List.of(job(pi, Element.TASK_ESCALATE_OVERDUE_RESPONSE).getId(),
						job(pi, Element.TASK_RECORD_SLA_BREACH).getId());
				CyclicBarrier together = new CyclicBarrier(2);
				List<Future<Boolean>> runs = new ArrayList<>();
				for (String step : steps) {
					runs.add(nodes.submit(() -> {
						together.await(10, TimeUnit.SECONDS);
						try {
							this.management.executeJob(step);
							return true;
						}
						catch (RuntimeException lost) {
							return false;
						}
					}));
				}
				for (Future<Boolean> run : runs) {
					if (!run.get(1, TimeUnit.MINUTES)) {
						collisions++;
					}
				}

				// Then a step that lost is due again within two seconds, its retries kept
				Date now = ClockUtil.getCurrentTime();
				List<Job> lostSteps = new ArrayList<>();
				for (String step : List.of(Element.TASK_ESCALATE_OVERDUE_RESPONSE, Element.TASK_RECORD_SLA_BREACH)) {
					lostSteps
						.addAll(this.management.createJobQuery().processInstanceId(pi.getId()).activityId(step).list());
				}
				for (Job lost : lostSteps) {
					assertThat(lost.getRetries()).as("retries of %s's lost step", incident.number()).isEqualTo(3);
					assertThat(Duration.between(now.toInstant(), lost.getDuedate().toInstant()))
						.as("%s's lost step due again in", incident.number())
						.isLessThanOrEqualTo(Duration.ofSeconds(2));
					this.management.executeJob(lost.getId());
				}
			}
		}
		finally {
			nodes.shutdownNow();
		}

		// and each step's entry is on the timeline once
		assertThat(collisions).as("rounds in which one step lost the race").isPositive();
		for (Incident incident : reported) {
			List<String> timeline = this.records.timeline(incident.number(), true)
				.stream()
				.map(Activity::body)
				.toList();
			assertThat(timeline).as(incident.number()).containsOnlyOnce(RESPONSE_ENTRY, BREACH_ENTRY);
			Incident now = this.records.get(incident.number());
			assertThat(now.responseSlaBreached()).isTrue();
			assertThat(now.resolutionSlaBreached()).isTrue();
			assertThat(now.hierarchicalEscalationCount()).isEqualTo(2);
		}
	}

	private ProcessInstance process(Incident incident) {
		return this.runtime.createProcessInstanceQuery().processInstanceBusinessKey(incident.number()).singleResult();
	}

	private Job job(ProcessInstance pi, String activityId) {
		Job job = this.management.createJobQuery().processInstanceId(pi.getId()).activityId(activityId).singleResult();
		assertThat(job).as("job of %s", activityId).isNotNull();
		return job;
	}

}

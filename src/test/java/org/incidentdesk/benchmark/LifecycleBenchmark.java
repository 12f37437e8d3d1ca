package org.incidentdesk.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Measures whole incident lifecycles through the application's services: report (record,
 * process, classification with three decision tables, knowledge search), first-contact
 * resolution in triage, and the caller's confirmation, which closes the incident. Runs
 * only when asked for:
 *
 * <pre>
 * mvn test -Dtest=LifecycleBenchmark -Dbenchmark=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * Results are written to the test output; see docs/benchmarks.md.
 */
@IncidentDeskTest
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class LifecycleBenchmark {

	private static final int WARM_UP = 50;

	private static final int MEASURED = 300;

	@Autowired
	IncidentService incidents;

	@Autowired
	IncidentRecords records;

	@Autowired
	TaskService tasks;

	@Test
	void lifecycles() {
		for (int i = 0; i < WARM_UP; i++) {
			lifecycle(i);
		}
		long[] reportNanos = new long[MEASURED];
		long[] lifecycleNanos = new long[MEASURED];
		long start = System.nanoTime();
		for (int i = 0; i < MEASURED; i++) {
			long[] times = lifecycle(WARM_UP + i);
			reportNanos[i] = times[0];
			lifecycleNanos[i] = times[1];
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf("%nBENCHMARK lifecycles=%d seconds=%.2f throughput=%.1f/s%n", MEASURED, seconds,
				MEASURED / seconds);
		System.out.printf("BENCHMARK report ms: median=%.1f p95=%.1f max=%.1f%n", percentile(reportNanos, 50),
				percentile(reportNanos, 95), percentile(reportNanos, 100));
		System.out.printf("BENCHMARK lifecycle ms: median=%.1f p95=%.1f max=%.1f%n", percentile(lifecycleNanos, 50),
				percentile(lifecycleNanos, 95), percentile(lifecycleNanos, 100));
	}

	private long[] lifecycle(int i) {
		long start = System.nanoTime();
		Incident incident = this.incidents.report(new ReportIncident("acme", "alice", null, Channel.PORTAL,
				"VPN cannot connect after password change " + i, "The VPN client keeps asking for my password.",
				"network", "ACME-VPN", Level.MEDIUM, Level.MEDIUM));
		long reported = System.nanoTime();
		String triage = this.tasks.createTaskQuery()
			.processInstanceBusinessKey(incident.number())
			.taskDefinitionKey(Element.TASK_TRIAGE_INCIDENT)
			.singleResult()
			.getId();
		this.tasks.complete(triage, Map.of(Var.TRIAGE_DECISION, "RESOLVE", Var.RESOLUTION_CODE, "SOLVED_BY_KNOWLEDGE",
				Var.RESOLUTION_NOTES, "Cleared the saved credentials."));
		this.incidents.answerResolution(incident.number(), incident.callerId(), true, null);
		long done = System.nanoTime();
		assertThat(this.records.get(incident.number()).state()).isEqualTo(IncidentState.CLOSED);
		return new long[] { reported - start, done - start };
	}

	private static double percentile(long[] nanos, int percentile) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		int index = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
		return sorted[Math.max(0, index)] / 1e6;
	}

}

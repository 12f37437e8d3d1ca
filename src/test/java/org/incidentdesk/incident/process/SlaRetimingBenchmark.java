package org.incidentdesk.incident.process;

import org.incidentdesk.JakartaSlaScenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.incident.Channel;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.Level;
import org.incidentdesk.incident.ReportIncident;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Measures the re-timing of 1,000 running incidents after a calendar change: preview,
 * apply, and a second apply that finds nothing to move. Checks the counts, prints the
 * times (no timed assertion). Runs only when asked for:
 *
 * <pre>
 * mvn -o test -Dtest=SlaRetimingBenchmark -Dbenchmark=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * See docs/benchmarks.md, "Re-timing running incidents".
 */
@IncidentDeskTest
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class SlaRetimingBenchmark extends JakartaSlaScenario {

	private static final int INCIDENTS = Integer.getInteger("bench.retiming.incidents", 1000);

	@Autowired
	IncidentService incidents;

	@Test
	void retimesAThousandRunningIncidents() throws Exception {
		String tenant = tenantWithCalendar(NINE_TO_FIVE);
		at(jakarta(9, 9, 0));
		long start = System.nanoTime();
		for (int i = 0; i < INCIDENTS; i++) {
			this.incidents.report(new ReportIncident(tenant, "caller-" + tenant, null, Channel.PORTAL,
					"Label printer jams " + i, "The lower tray jams.", "hardware", null, Level.MEDIUM, Level.MEDIUM));
		}
		double reporting = (System.nanoTime() - start) / 1e9;
		at(jakarta(9, 10, 0));
		calendar(tenant, WITH_LUNCH);

		long previewStart = System.nanoTime();
		JsonNode preview = retime(Map.of("dryRun", true, "tenantId", tenant), org.springframework.http.HttpStatus.OK);
		double previewSeconds = (System.nanoTime() - previewStart) / 1e9;
		assertThat(preview.get("wouldMove").asInt()).isEqualTo(INCIDENTS);

		long applyStart = System.nanoTime();
		JsonNode applied = retime(Map.of("dryRun", false, "tenantId", tenant), org.springframework.http.HttpStatus.OK);
		double applySeconds = (System.nanoTime() - applyStart) / 1e9;
		assertThat(applied.get("moved").asInt()).isEqualTo(INCIDENTS);
		assertThat(applied.get("failed").asInt()).isZero();

		long againStart = System.nanoTime();
		JsonNode again = retime(Map.of("dryRun", false, "tenantId", tenant), org.springframework.http.HttpStatus.OK);
		double againSeconds = (System.nanoTime() - againStart) / 1e9;
		assertThat(again.get("moved").asInt()).isZero();
		assertThat(again.get("unchanged").asInt()).isEqualTo(INCIDENTS);

		System.out.printf("%nBENCHMARK retiming incidents=%d reporting=%.1fs%n", INCIDENTS, reporting);
		System.out.printf("BENCHMARK retiming preview=%.2fs (%.2f ms/incident)%n", previewSeconds,
				previewSeconds * 1000 / INCIDENTS);
		System.out.printf("BENCHMARK retiming apply=%.2fs (%.2f ms/incident, %d chunks)%n", applySeconds,
				applySeconds * 1000 / INCIDENTS, applied.get("chunks").asInt());
		System.out.printf("BENCHMARK retiming second apply=%.2fs (%.2f ms/incident)%n", againSeconds,
				againSeconds * 1000 / INCIDENTS);
	}

}

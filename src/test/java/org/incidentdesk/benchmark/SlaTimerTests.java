package org.incidentdesk.benchmark;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.incidentdesk.BothDatabases;
import org.incidentdesk.JobExecutorTest;
import org.incidentdesk.TestDatabase;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.process.IntakeClassification;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SLA timer benchmark ({@link SlaTimerBenchmark}) in miniature, on H2 and on
 * PostgreSQL, so that it keeps working: with the job executor running, every warning that
 * comes due is fired and recorded on the timeline. Timing is the benchmark's business,
 * not this test's.
 */
@JobExecutorTest
class SlaTimerTests {

	@Autowired
	IncidentService incidents;

	@Autowired
	IntakeClassification intake;

	@Autowired
	ProcessEngine engine;

	@Autowired
	DataSource dataSource;

	@BothDatabases
	@Test
	void recordsEveryWarningThatComesDueAmongManyLiveTimers() {
		SlaTimerRun.Result result = new SlaTimerRun(this.incidents, this.intake, this.engine, this.dataSource)
			.run(SMOKE);

		result.print(TestDatabase.postgres() ? "postgres" : "h2");
		assertThat(result.measurements()).singleElement().satisfies(measurement -> {
			assertThat(measurement.latenessMillis()).hasSize(SMOKE.measured());
			assertThat(measurement.jobs()).isGreaterThanOrEqualTo(3L * (SMOKE.background() + SMOKE.measured()));
		});
	}

	static final SlaTimerRun.Settings SMOKE = new SlaTimerRun.Settings(100, 10, 4, Duration.ofSeconds(2),
			Duration.ofSeconds(3), Duration.ofMinutes(2), Duration.ofSeconds(90),
			List.of(SlaTimerRun.Variant.CONFIGURED));

}

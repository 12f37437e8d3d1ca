package org.incidentdesk.benchmark;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.incidentdesk.JobExecutorTest;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.process.IntakeClassification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Target (c) of issue 10: with 100,000 open incidents and their live SLA timers, how late
 * are resolution SLA warnings recorded, from the due date to the timeline entry? On H2;
 * {@link PostgresSlaTimerBenchmark} on PostgreSQL. Runs only when asked for:
 *
 * <pre>
 * mvn test -Dtest=SlaTimerBenchmark -Dbenchmark=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * {@code -Dsla.incidents} (100000), {@code -Dsla.measured} (500), {@code -Dsla.window}
 * (PT60S), {@code -Dsla.threads} (6) and the limits of {@link SlaTimerRun.Settings}
 * change the run; {@code -Dcamunda.bpm.job-execution.*} and
 * {@code -Dcamunda.bpm.generic-properties.properties.*} the job executor. See
 * docs/benchmarks.md, "SLA timers at scale".
 */
@JobExecutorTest
// Each reporting thread classifies its own report, as a quiet node's request does: the
// fill is not a burst to queue for the one job thread, which would take it at about 37
// reports a second (measured) instead of all threads' pace.
@TestPropertySource(properties = "incident-desk.intake.classify-in-request-limit=${sla.threads:6}")
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class SlaTimerBenchmark {

	@Autowired
	IncidentService incidents;

	@Autowired
	IntakeClassification intake;

	@Autowired
	ProcessEngine engine;

	@Autowired
	DataSource dataSource;

	@Test
	void warningLateness() {
		SlaTimerRun.Settings settings = SlaTimerRun.Settings.fromSystemProperties();

		SlaTimerRun.Result result = new SlaTimerRun(this.incidents, this.intake, this.engine, this.dataSource)
			.run(settings);

		result.print("h2");
		assertThat(result.measurements())
			.allSatisfy(measurement -> assertThat(measurement.latenessMillis()).hasSize(settings.measured()));
	}

}

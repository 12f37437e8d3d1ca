package org.incidentdesk.benchmark;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.incidentdesk.JobExecutorPostgresTest;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.process.IntakeClassification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SlaTimerBenchmark} on PostgreSQL (embedded, a fresh database of its own):
 *
 * <pre>
 * mvn test -Dtest=PostgresSlaTimerBenchmark -Dbenchmark=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@JobExecutorPostgresTest
// Each reporting thread classifies its own report, as a quiet node's request does: the
// fill is not a burst to queue for the one job thread, which would take it at about 37
// reports a second (measured) instead of all threads' pace.
@TestPropertySource(properties = "incident-desk.intake.classify-in-request-limit=${sla.threads:6}")
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class PostgresSlaTimerBenchmark {

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

		result.print("postgres");
		assertThat(result.measurements())
			.allSatisfy(measurement -> assertThat(measurement.latenessMillis()).hasSize(settings.measured()));
	}

}

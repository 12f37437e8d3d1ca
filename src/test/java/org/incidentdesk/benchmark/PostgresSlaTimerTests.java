package org.incidentdesk.benchmark;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.incidentdesk.JobExecutorPostgresTest;
import org.incidentdesk.incident.IncidentService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link SlaTimerTests} on PostgreSQL. */
@JobExecutorPostgresTest
class PostgresSlaTimerTests {

	@Autowired
	IncidentService incidents;

	@Autowired
	ProcessEngine engine;

	@Autowired
	DataSource dataSource;

	@Test
	void recordsEveryWarningThatComesDueAmongManyLiveTimers() {
		SlaTimerRun.Settings smoke = SlaTimerTests.SMOKE;

		SlaTimerRun.Result result = new SlaTimerRun(this.incidents, this.engine, this.dataSource).run(smoke);

		result.print("postgres");
		assertThat(result.measurements()).singleElement().satisfies(measurement -> {
			assertThat(measurement.latenessMillis()).hasSize(smoke.measured());
			assertThat(measurement.jobs()).isGreaterThanOrEqualTo(3L * (smoke.background() + smoke.measured()));
		});
	}

}

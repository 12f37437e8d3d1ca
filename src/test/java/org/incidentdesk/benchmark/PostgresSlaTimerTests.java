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
		SlaTimerRun.Result result = new SlaTimerRun(this.incidents, this.engine, this.dataSource)
			.run(SlaTimerTests.SMOKE);

		result.print("postgres");
		assertThat(result.latenessMillis()).hasSize(SlaTimerTests.SMOKE.measured());
		assertThat(result.jobs())
			.isGreaterThanOrEqualTo(3L * (SlaTimerTests.SMOKE.background() + SlaTimerTests.SMOKE.measured()));
	}

}

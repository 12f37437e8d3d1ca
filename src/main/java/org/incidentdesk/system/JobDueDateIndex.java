package org.incidentdesk.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * An index on the due date of the engine's jobs on PostgreSQL, which Camunda's own schema
 * does not have.
 * <p>
 * Every open incident holds three SLA timers in {@code ACT_RU_JOB}, nearly all of them
 * hours or days away. The job executor asks the database, at every poll (every 1 to 2 s,
 * see {@code application.yaml}), for the jobs that are due, oldest due date first
 * ({@code job-executor-acquire-by-due-date}). Without this index PostgreSQL reads every
 * timer to answer, which with 100,000 open incidents is 300,000 rows: 30 to 40 ms per
 * poll at 16,000 to 32,000 jobs already, against 0.3 ms with it. Camunda's guide
 * recommends this index for acquisition by due date ("The Job Order of Job Acquisition").
 * <p>
 * Not on H2: the engine asks for {@code DUEDATE_ is null or DUEDATE_ <= now}, and H2 does
 * not use an index for that condition; it reads the table either way (about 60 ms at
 * 300,000 jobs), and with the index it walks the whole index in due-date order instead,
 * which is slower (about 126 ms). See docs/benchmarks.md, "SLA timers at scale".
 * <p>
 * The engine creates and upgrades its tables itself ({@code schema-update}), so the index
 * is added after it, once. A database user without the right to create it only gets a
 * warning with the statement for the database administrator: the service works without
 * the index, only its timers fire later under many open incidents.
 */
@Component
class JobDueDateIndex extends AbstractProcessEnginePlugin {

	static final String NAME = "ACT_IDX_JOB_DUEDATE";

	private static final Logger logger = LoggerFactory.getLogger(JobDueDateIndex.class);

	@Override
	public void postProcessEngineBuild(ProcessEngine processEngine) {
		ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) processEngine
			.getProcessEngineConfiguration();
		if (!"postgres".equals(configuration.getDatabaseType())) {
			return;
		}
		String statement = "create index if not exists " + NAME + " on " + configuration.getDatabaseTablePrefix()
				+ "ACT_RU_JOB (DUEDATE_)";
		try (Connection connection = configuration.getDataSource().getConnection();
				Statement create = connection.createStatement()) {
			create.execute(statement);
			if (!connection.getAutoCommit()) {
				connection.commit();
			}
		}
		catch (SQLException ex) {
			logger.warn("Cannot add the index on the jobs' due dates ({}); SLA timers may fire late with many open"
					+ " incidents. Ask the database administrator to run: {}", ex.getMessage(), statement);
		}
	}

}

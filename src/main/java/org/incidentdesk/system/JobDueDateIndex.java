package org.incidentdesk.system;

import java.sql.Connection;
import java.sql.Statement;

import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * Flyway migration 19: an index on the due date of the engine's jobs on PostgreSQL, which
 * Camunda's own schema does not have.
 * <p>
 * Every open incident holds three SLA timers in {@code ACT_RU_JOB}, nearly all of them
 * hours or days away. The job executor asks the database, at every poll (every 1 to 2 s,
 * see {@code application.yaml}), for the jobs that are due, oldest due date first
 * ({@code job-executor-acquire-by-due-date}). Without this index PostgreSQL reads every
 * timer to answer, which with 100,000 open incidents is 300,000 rows: 30 to 40 ms per
 * poll at 16,000 to 32,000 jobs already, against 0.3 ms with it. Camunda's guide
 * recommends this index for acquisition by due date ("The Job Order of Job Acquisition").
 * <p>
 * Not on H2 here: with the engine's query of the time, {@code DUEDATE_ is null or
 * DUEDATE_ <= now}, H2 read the whole table or the whole index either way. Since the job
 * executor asks for {@code DUEDATE_ <= now} alone, H2 uses the index too, and migration
 * 21 ({@link JobsAlwaysDue}) adds it there. See docs/benchmarks.md, "SLA timers at
 * scale".
 * <p>
 * It follows Camunda's tables (migration 18, {@link CamundaSchema}). Before, each start
 * added it after the engine had made its tables; such databases have it already, hence
 * {@code if not exists}.
 */
@Component
class JobDueDateIndex extends NumberedMigration {

	static final String NAME = "ACT_IDX_JOB_DUEDATE";

	JobDueDateIndex() {
		super("19", "job due date index");
	}

	@Override
	public void migrate(Context context) throws Exception {
		Connection connection = context.getConnection();
		if (!"postgres".equals(CamundaSchema.databaseType(connection))) {
			return;
		}
		try (Statement create = connection.createStatement()) {
			create.execute("create index if not exists " + NAME + " on ACT_RU_JOB (DUEDATE_)");
		}
	}

}

package org.incidentdesk.system;

import java.sql.Connection;
import java.sql.Statement;

import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * Flyway migration 21: every job of the engine has a due date, and H2 gets the due-date
 * index that PostgreSQL has had since migration 19 ({@link JobDueDateIndex}).
 * <p>
 * The engine runs with {@code ensure-job-due-date-not-null} ({@code application.yaml}),
 * so the job executor asks for {@code DUEDATE_ <= now} instead of
 * {@code DUEDATE_ is null or DUEDATE_ <= now}. Only the plain range lets H2 answer from
 * the index: at 300,000 timer jobs 0.2 ms a poll against 100 to 500 ms (and 1.36 s in the
 * 100,000-incident run), see docs/benchmarks.md, "SLA timers at scale".
 * <p>
 * With that setting a job without a due date would never be taken again. The engine has
 * given every new job a due date since {@code job-executor-acquire-by-due-date} was
 * switched on; jobs older than that, stored without one ("run as soon as possible"), are
 * given their creation time here, so they still run, oldest first. An administrator
 * cannot take a job's due date away through the engine's REST API either
 * ({@code EngineSurfaceGuard}).
 */
@Component
class JobsAlwaysDue extends NumberedMigration {

	JobsAlwaysDue() {
		super("21", "jobs always due");
	}

	@Override
	public void migrate(Context context) throws Exception {
		Connection connection = context.getConnection();
		try (Statement statement = connection.createStatement()) {
			statement.executeUpdate("update ACT_RU_JOB set DUEDATE_ = coalesce(CREATE_TIME_, current_timestamp)"
					+ " where DUEDATE_ is null");
			statement.execute("create index if not exists " + JobDueDateIndex.NAME + " on ACT_RU_JOB (DUEDATE_)");
		}
	}

}

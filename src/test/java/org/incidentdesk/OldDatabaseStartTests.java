package org.incidentdesk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.awaitility.Awaitility;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database made before Flyway created Camunda's tables starts with the new code: the
 * engine had created its tables itself ({@code schema-update: true}), and Flyway's
 * history was baselined at 0 with migrations 1 to 17 applied (and, on PostgreSQL, the
 * start had added the jobs' due-date index). Migration 18 then finds Camunda's tables and
 * leaves them, migration 19 finds the index, and a node starts on it in a JVM of its own
 * as production starts it: on PostgreSQL, and on the H2 file database of
 * {@code mvn spring-boot:run}.
 */
class OldDatabaseStartTests {

	private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

	private static final String OLD_JOB = "OldJob";

	/**
	 * Both databases at once, each with its node, so that the two starts share their
	 * time.
	 */
	@Test
	void databasesOfTheOldWayStart() throws Exception {
		String postgres = ApplicationNode.freshDatabase("old_way");
		makeTheOldWay(postgres, "postgres", "postgres", true);
		Path directory = Files.createDirectories(Path.of("target", "old-way-h2"));
		String h2 = "jdbc:h2:file:" + directory.toAbsolutePath().resolve("db-" + Long.toHexString(System.nanoTime()))
				+ ";DB_CLOSE_ON_EXIT=FALSE";
		makeTheOldWay(h2, "sa", "", false);
		try (ApplicationNode onPostgres = ApplicationNode.start("old-postgres", postgres);
				ApplicationNode onH2 = ApplicationNode.start("old-h2", "demo", h2, "sa", "")) {
			CompletableFuture
				.allOf(CompletableFuture.runAsync(() -> answers(onPostgres)),
						CompletableFuture.runAsync(() -> answers(onH2)))
				.join();
		}
		// Read after the nodes stopped: H2's file database is its node's while it runs.
		holdsOnceWhatTheStartAdds(postgres, "postgres", "postgres");
		holdsOnceWhatTheStartAdds(h2, "sa", "");
	}

	private static void answers(ApplicationNode node) {
		node.awaitReady(START_TIMEOUT);
		assertThat(node.log()).contains("Camunda's tables are there already");
		assertThat(node.get("/api/v1/incidents", "alice", "demo").statusCode()).isEqualTo(200);
		// The job stored without a due date got one (migration 21) and still runs,
		// although
		// the job executor now asks only for jobs whose due date has passed.
		Awaitility.await()
			.atMost(Duration.ofMinutes(1))
			.untilAsserted(() -> assertThat(node
				.get("/engine-rest/history/process-instance/count?finished=true&processDefinitionKey=" + OLD_JOB,
						"demo", "demo")
				.body()).isEqualTo("{\"count\":1}"));
	}

	private static void holdsOnceWhatTheStartAdds(String url, String user, String password) throws SQLException {
		try (Connection db = DriverManager.getConnection(url, user, password)) {
			// Camunda's schema as the engine made it: one entry in its log, nothing
			// added.
			assertThat(ClusterStartTests.rows(db, "select VERSION_ from ACT_GE_SCHEMA_LOG")).containsExactly("7.24.0");
			List<String> history = ClusterStartTests.rows(db,
					"select \"version\" || ':' || \"success\" from \"flyway_schema_history\" where \"version\" is not null"
							+ " order by \"installed_rank\"");
			assertThat(history.get(0)).isEqualTo("0:" + bool(db, true));
			assertThat(history)
				.contains("17:" + bool(db, true), "18:" + bool(db, true), "19:" + bool(db, true),
						"21:" + bool(db, true))
				.doesNotHaveDuplicates();
			assertThat(ClusterStartTests.rows(db, "select count(*) from ACT_RU_JOB where DUEDATE_ is null"))
				.containsExactly("0");
			// The demo world of the node's start is in the old database.
			assertThat(ClusterStartTests.rows(db, "select ID_ from ACT_ID_TENANT order by ID_")).containsExactly("acme",
					"globex");
		}
	}

	/**
	 * A database as the application made it before: Camunda's engine creates its tables,
	 * then Flyway baselines at 0 and applies migrations 1 to 17; on PostgreSQL the start
	 * added the due-date index.
	 */
	private static void makeTheOldWay(String url, String user, String password, boolean postgres) throws SQLException {
		ProcessEngine engine = ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration()
			.setProcessEngineName("old-way-" + Long.toHexString(System.nanoTime()))
			.setJdbcUrl(url)
			.setJdbcUsername(user)
			.setJdbcPassword(password)
			.setJdbcDriver(postgres ? "org.postgresql.Driver" : "org.h2.Driver")
			.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
			.setHistory(ProcessEngineConfiguration.HISTORY_FULL)
			.setJobExecutorActivate(false)
			.buildProcessEngine();
		// A job as the engine stored it before acquisition by due date: without one.
		engine.getRepositoryService()
			.createDeployment()
			.addModelInstance("old-job.bpmn",
					Bpmn.createExecutableProcess(OLD_JOB)
						.camundaHistoryTimeToLive(1)
						.startEvent()
						.serviceTask()
						.camundaAsyncBefore()
						.camundaExpression("${true}")
						.endEvent()
						.done())
			.deploy();
		engine.getRuntimeService().startProcessInstanceByKey(OLD_JOB);
		assertThat(engine.getManagementService().createJobQuery().singleResult().getDuedate()).isNull();
		engine.close();
		Flyway.configure()
			.dataSource(url, user, password)
			.baselineOnMigrate(true)
			.baselineVersion("0")
			.target("17")
			.load()
			.migrate();
		try (Connection db = DriverManager.getConnection(url, user, password);
				Statement statement = db.createStatement()) {
			if (postgres) {
				statement.execute("create index if not exists ACT_IDX_JOB_DUEDATE on ACT_RU_JOB (DUEDATE_)");
			}
			else {
				// Closes the file database in this JVM, whatever connections the engine's
				// pool kept, so that the node can open it.
				statement.execute("shutdown");
			}
		}
	}

	/** How the database writes a boolean as text. */
	private static String bool(Connection db, boolean value) throws SQLException {
		return ClusterStartTests.rows(db, "select cast(" + value + " as varchar)").get(0);
	}

}

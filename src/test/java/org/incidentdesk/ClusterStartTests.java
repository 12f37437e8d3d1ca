package org.incidentdesk;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes of the application, each in a JVM of its own, started at the same moment on
 * one empty PostgreSQL database, as two replicas of {@code docker/compose.yaml} start
 * (README, "More than one node"). Both must come up, and the database must hold
 * everything once: Camunda's schema and the project's tables (created by Flyway under its
 * lock), one version of each model, one demo world, one administrator, one set of SLA
 * settings. A report through one node is then read through the other.
 */
class ClusterStartTests {

	private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

	@Test
	void twoNodesStartTogetherOnAnEmptyDatabase() throws Exception {
		String url = ApplicationNode.freshDatabase("cluster_start");
		try (ApplicationNode first = ApplicationNode.start("node-1", url);
				ApplicationNode second = ApplicationNode.start("node-2", url)) {
			CompletableFuture<Void> firstReady = CompletableFuture.runAsync(() -> first.awaitReady(START_TIMEOUT));
			CompletableFuture<Void> secondReady = CompletableFuture.runAsync(() -> second.awaitReady(START_TIMEOUT));
			CompletableFuture.allOf(firstReady, secondReady).join();

			try (Connection db = DriverManager.getConnection(url, "postgres", "postgres")) {
				assertSchemaOnce(db);
				assertOneVersionOfEachModel(db);
				assertDemoWorldOnce(db);
			}

			// Both serve requests on the one database: reported on one, read on the
			// other.
			HttpResponse<String> reported = first.postJson("/api/v1/incidents",
					"{\"summary\":\"Printer on floor 3 jams\",\"category\":\"hardware\",\"impact\":\"LOW\","
							+ "\"urgency\":\"LOW\"}",
					"alice", "demo");
			assertThat(reported.statusCode()).as(reported.body()).isEqualTo(201);
			Matcher number = Pattern.compile("\"number\"\\s*:\\s*\"(INC\\d+)\"").matcher(reported.body());
			assertThat(number.find()).as(reported.body()).isTrue();
			HttpResponse<String> read = second.get("/api/v1/incidents/" + number.group(1), "alice", "demo");
			assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
			assertThat(read.body()).contains("Printer on floor 3 jams");
		}
	}

	/**
	 * Camunda's tables exist once, made by the migration (one schema log entry, the one
	 * of its create script), and every migration ran once and succeeded.
	 */
	private static void assertSchemaOnce(Connection db) throws SQLException {
		assertThat(rows(db, "select version_ from act_ge_schema_log")).containsExactly("7.24.0");
		assertThat(rows(db, "select count(*) from information_schema.tables where table_name = 'act_ru_execution'"))
			.containsExactly("1");
		List<String> migrations = rows(db,
				"select version || ':' || success from flyway_schema_history where version is not null"
						+ " order by installed_rank");
		assertThat(migrations).doesNotHaveDuplicates().allMatch((migration) -> migration.endsWith(":true"));
		assertThat(migrations).contains("18:true", "19:true");
		assertThat(rows(db, "select count(*) from pg_indexes where indexname = 'act_idx_job_duedate'"))
			.containsExactly("1");
	}

	/** The start-up deployment happened once: one deployment, one version per model. */
	private static void assertOneVersionOfEachModel(Connection db) throws SQLException {
		assertThat(rows(db, "select count(*) from act_re_deployment")).containsExactly("1");
		assertThat(rows(db, "select key_ from act_re_procdef")).contains("IncidentManagement").doesNotHaveDuplicates();
		assertThat(rows(db, "select key_ from act_re_decision_def")).contains("IncidentPriority", "SlaTargets")
			.doesNotHaveDuplicates();
		assertThat(rows(db, "select key_ from act_re_camformdef")).isNotEmpty().doesNotHaveDuplicates();
		assertThat(rows(db, "select distinct version_ from act_re_procdef")).containsExactly("1");
	}

	/**
	 * The demo world, the administrator, the built-in groups with their grants and
	 * Tasklist filters, and the first start's SLA settings, each once.
	 */
	private static void assertDemoWorldOnce(Connection db) throws SQLException {
		assertThat(rows(db, "select id_ from act_id_tenant order by id_")).containsExactly("acme", "globex");
		assertThat(rows(db, "select id_ from act_id_user")).contains("demo", "alice", "sam", "audrey")
			.doesNotHaveDuplicates();
		assertThat(rows(db, "select count(*) from act_id_membership where user_id_ = 'demo'")).containsExactly("1");
		assertThat(rows(db, "select title from knowledge_article")).hasSize(8).doesNotHaveDuplicates();
		assertThat(rows(db, "select tenant_id || '/' || name from configuration_item")).hasSize(9)
			.doesNotHaveDuplicates();
		assertThat(rows(db, "select tenant_id from business_calendar order by tenant_id")).containsExactly("acme",
				"globex");
		assertThat(rows(db, "select scope from sla_settings")).containsExactly("*");
		assertThat(rows(db, "select count(*) from sla_settings_change")).containsExactly("1");
		assertThat(rows(db, "select coalesce(owner_, '') || '/' || name_ from act_ru_filter")).isNotEmpty()
			.doesNotHaveDuplicates();
		assertThat(rows(db,
				"select coalesce(group_id_, '') || '/' || coalesce(user_id_, '') || '/' || resource_type_ || '/'"
						+ " || resource_id_ from act_ru_authorization"))
			.isNotEmpty()
			.doesNotHaveDuplicates();
	}

	static List<String> rows(Connection db, String query) throws SQLException {
		List<String> rows = new ArrayList<>();
		try (Statement statement = db.createStatement(); ResultSet result = statement.executeQuery(query)) {
			while (result.next()) {
				rows.add(result.getString(1));
			}
		}
		return rows;
	}

}

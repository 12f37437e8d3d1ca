package org.incidentdesk.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Migration 18 on an H2 database of its own: it creates Camunda's tables from the
 * engine's scripts when there are none, leaves them when they are there, and the upgrade
 * of a later Camunda version skips a database that is at that version already. (On
 * PostgreSQL, and with nodes starting together, {@code ClusterStartTests} and
 * {@code OldDatabaseStartTests} run it.)
 */
class CamundaSchemaTests {

	@Test
	void createsCamundasTablesOnceFromTheEnginesScripts() throws Exception {
		try (Connection connection = database("creates")) {
			new CamundaSchema().migrate(context(connection));
			assertThat(rows(connection, "select VERSION_ from ACT_GE_SCHEMA_LOG")).containsExactly("7.24.0");
			for (String table : List.of("ACT_RU_EXECUTION", "ACT_HI_PROCINST", "ACT_ID_USER", "ACT_RE_CASE_DEF",
					"ACT_HI_CASEINST", "ACT_RE_DECISION_DEF", "ACT_HI_DECINST", "ACT_GE_PROPERTY")) {
				assertThat(CamundaSchema.tableExists(connection, table)).as(table).isTrue();
			}
			assertThat(rows(connection, "select NAME_ from ACT_GE_PROPERTY where NAME_ = 'deployment.lock'"))
				.containsExactly("deployment.lock");

			// Again, as on a database whose engine had made them: nothing changes.
			new CamundaSchema().migrate(context(connection));
			assertThat(rows(connection, "select VERSION_ from ACT_GE_SCHEMA_LOG")).containsExactly("7.24.0");
		}
	}

	@Test
	void createsOnlyTheMissingComponents() throws Exception {
		try (Connection connection = database("missing")) {
			CamundaSchema.runScript(connection, "org/camunda/bpm/engine/db/create/activiti.h2.create.engine.sql");
			new CamundaSchema().migrate(context(connection));
			assertThat(CamundaSchema.tableExists(connection, "ACT_HI_DECINST")).isTrue();
			assertThat(rows(connection, "select VERSION_ from ACT_GE_SCHEMA_LOG")).containsExactly("7.24.0");
		}
	}

	@Test
	void anUpgradeSkipsADatabaseAtItsVersionAlready() throws Exception {
		try (Connection connection = database("upgrade")) {
			new CamundaSchema().migrate(context(connection));
			assertThat(CamundaSchema.upgrade(connection, "7.23", "7.24")).isFalse();
			assertThat(rows(connection, "select VERSION_ from ACT_GE_SCHEMA_LOG")).containsExactly("7.24.0");
		}
	}

	@Test
	void anUpgradeWithoutItsScriptIsRefused() throws Exception {
		try (Connection connection = database("noscript")) {
			new CamundaSchema().migrate(context(connection));
			assertThatIllegalStateException().isThrownBy(() -> CamundaSchema.upgrade(connection, "7.98", "7.99"))
				.withMessageContaining("h2_engine_7.98_to_7.99.sql");
		}
	}

	private static Connection database(String name) throws SQLException {
		return DriverManager.getConnection("jdbc:h2:mem:camunda-schema-" + name + ";DB_CLOSE_DELAY=0", "sa", "");
	}

	private static Context context(Connection connection) {
		return new Context() {

			@Override
			public Configuration getConfiguration() {
				return null;
			}

			@Override
			public Connection getConnection() {
				return connection;
			}

		};
	}

	private static List<String> rows(Connection connection, String query) throws SQLException {
		List<String> rows = new ArrayList<>();
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(query)) {
			while (result.next()) {
				rows.add(result.getString(1));
			}
		}
		return rows;
	}

}

package org.incidentdesk.system;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.EncodedResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.stereotype.Component;

/**
 * Flyway migration 18: Camunda's own tables, from the create scripts that ship in the
 * engine's jar
 * ({@code org/camunda/bpm/engine/db/create/activiti.<database>.create.<component>.sql}),
 * for PostgreSQL and H2.
 * <p>
 * Why here and not by the engine: with {@code schema-update: true} every node's engine
 * created the schema itself when it found none, with nothing to stop two nodes from doing
 * it at once; on PostgreSQL the second then failed
 * ({@code duplicate key value violates unique constraint "pg_type_typname_nsp_index"})
 * and stopped. Flyway runs its migrations under a lock of the database (an advisory lock
 * on PostgreSQL) and records each in {@code flyway_schema_history}: of nodes that start
 * together, one creates the schema, the others wait and then find it done. The engine
 * only checks the schema now ({@code schema-update: false}: its tables present, its
 * version that of the engine) and is built after the migrations
 * ({@link EngineAfterMigrations}).
 * <p>
 * Databases made before this migration existed have Camunda's tables already (the engine
 * created them) and a Flyway history baselined at 0 with migrations 1 to 17. This
 * migration then creates only the components whose tables are missing, as the engine's
 * own {@code schema-update: true} did (by one table of each component, the same tables it
 * looks at), which on such a database is none.
 * <p>
 * A later Camunda version is taken on the same way: a new migration that runs the
 * engine's upgrade scripts
 * ({@code org/camunda/bpm/engine/db/upgrade/<database>_engine_<from>_to_<to>.sql}) with
 * {@link #runScript}; docs/architecture.md, "Database schema", says how.
 */
@Component
class CamundaSchema extends NumberedMigration {

	private static final Logger log = LoggerFactory.getLogger(CamundaSchema.class);

	/**
	 * Camunda's components in the order its engine creates them, each with the table by
	 * which the engine tells that it is there ({@code DbSqlSession.is*TablePresent}).
	 */
	private static final List<List<String>> COMPONENTS = List.of(List.of("engine", "ACT_RU_EXECUTION"),
			List.of("history", "ACT_HI_PROCINST"), List.of("identity", "ACT_ID_USER"),
			List.of("case.engine", "ACT_RE_CASE_DEF"), List.of("case.history", "ACT_HI_CASEINST"),
			List.of("decision.engine", "ACT_RE_DECISION_DEF"), List.of("decision.history", "ACT_HI_DECINST"));

	CamundaSchema() {
		super("18", "camunda schema");
	}

	@Override
	public void migrate(Context context) throws SQLException {
		Connection connection = context.getConnection();
		String database = databaseType(connection);
		List<String> created = new ArrayList<>();
		for (List<String> component : COMPONENTS) {
			if (tableExists(connection, component.get(1))) {
				continue;
			}
			runScript(connection,
					"org/camunda/bpm/engine/db/create/activiti." + database + ".create." + component.get(0) + ".sql");
			created.add(component.get(0));
		}
		if (created.isEmpty()) {
			log.info(
					"Camunda's tables are there already (created by the engine before migration 18); left as they are.");
		}
		else {
			log.info("Created Camunda's tables: {}.", String.join(", ", created));
		}
	}

	/**
	 * Runs the engine's upgrade script of one minor version
	 * ({@code org/camunda/bpm/engine/db/upgrade/<database>_engine_<from>_to_<to>.sql}),
	 * for a migration that takes on a newer Camunda, unless Camunda's schema log says the
	 * database is at {@code to} already: a database that migration 18 created after the
	 * engine's jar was updated has the newer tables from the start.
	 * @param from the minor version the script upgrades from, such as {@code 7.24}
	 * @param to the minor version it upgrades to, such as {@code 7.25}
	 * @return whether the script ran
	 */
	static boolean upgrade(Connection connection, String from, String to) throws SQLException {
		try (var statement = connection
			.prepareStatement("select count(*) from ACT_GE_SCHEMA_LOG where VERSION_ like ?")) {
			statement.setString(1, to + ".%");
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				if (result.getLong(1) > 0) {
					log.info("Camunda's tables are at {} already; its upgrade from {} is left out.", to, from);
					return false;
				}
			}
		}
		runScript(connection, "org/camunda/bpm/engine/db/upgrade/" + databaseType(connection) + "_engine_" + from
				+ "_to_" + to + ".sql");
		return true;
	}

	/**
	 * Camunda's name for the database, as in its script names: {@code postgres} or
	 * {@code h2}.
	 */
	static String databaseType(Connection connection) throws SQLException {
		String product = connection.getMetaData().getDatabaseProductName();
		if ("PostgreSQL".equals(product)) {
			return "postgres";
		}
		if ("H2".equals(product)) {
			return "h2";
		}
		throw new IllegalStateException("Incident Desk runs on PostgreSQL or H2, not on " + product
				+ "; there are no migrations of Camunda's schema for it.");
	}

	/**
	 * Runs one of the engine's SQL scripts from its jar. Its statements end with
	 * {@code ;} at the end of a line, and its comments are {@code --} lines, as the
	 * engine's own reader expects ({@code DbSqlSession.executeSchemaResource}).
	 */
	static void runScript(Connection connection, String resource) {
		ClassPathResource script = new ClassPathResource(resource, CamundaSchema.class.getClassLoader());
		if (!script.exists()) {
			throw new IllegalStateException("Camunda's script " + resource + " is not on the classpath.");
		}
		ScriptUtils.executeSqlScript(connection, new EncodedResource(script, "UTF-8"));
	}

	/** Whether the table is in the connection's schema, as the database spells names. */
	static boolean tableExists(Connection connection, String table) throws SQLException {
		DatabaseMetaData metaData = connection.getMetaData();
		String name = metaData.storesLowerCaseIdentifiers() ? table.toLowerCase(Locale.ROOT)
				: table.toUpperCase(Locale.ROOT);
		try (ResultSet tables = metaData.getTables(connection.getCatalog(), connection.getSchema(), name,
				new String[] { "TABLE" })) {
			return tables.next();
		}
	}

}

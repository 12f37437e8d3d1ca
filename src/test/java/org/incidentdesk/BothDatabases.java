package org.incidentdesk;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * A scenario (a test method, or every test of a class) that runs on H2 in the build's
 * first test run and again on the embedded PostgreSQL in its second
 * ({@link TestDatabase}). Marks what depends on the database: SQL of our own, migrations,
 * locks, concurrency. Every marked scenario costs a second run, so the rest stays
 * H2-only.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Tag(BothDatabases.TAG)
public @interface BothDatabases {

	/** The JUnit tag, which {@link PostgresqlScenariosTests} selects by. */
	String TAG = "both-databases";

}

package org.incidentdesk;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * A scenario that runs only in the build's PostgreSQL test run ({@link TestDatabase}),
 * because it checks what only the {@code postgres} profile or PostgreSQL itself does.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Tag(PostgresOnly.TAG)
public @interface PostgresOnly {

	/** The JUnit tag, which the surefire executions in {@code pom.xml} select by. */
	String TAG = "postgres-only";

}

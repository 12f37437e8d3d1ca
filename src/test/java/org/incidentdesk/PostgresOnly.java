package org.incidentdesk;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A scenario that runs only in the build's PostgreSQL test run ({@link TestDatabase},
 * {@link PostgresqlScenariosTests}), because it checks what only the {@code postgres}
 * profile or PostgreSQL itself does. On H2 it is skipped.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Tag(PostgresOnly.TAG)
@ExtendWith(PostgresOnly.OnPostgresql.class)
public @interface PostgresOnly {

	/** The JUnit tag, which {@link PostgresqlScenariosTests} selects by. */
	String TAG = "postgres-only";

	/** Runs the scenario only while the JVM's contexts run on PostgreSQL. */
	final class OnPostgresql implements ExecutionCondition {

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			return TestDatabase.postgres() ? ConditionEvaluationResult.enabled("on PostgreSQL")
					: ConditionEvaluationResult.disabled("PostgreSQL only; runs in PostgresqlScenariosTests");
		}

	}

}

package org.incidentdesk;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application with the {@code postgres} profile on a real PostgreSQL, started
 * from Maven artifacts (no Docker), with the demo world. All classes using it share one
 * database and one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({ "test", "demo", "postgres" })
@ContextConfiguration(initializers = EmbeddedPostgresDatabase.class)
public @interface PostgresTest {

}

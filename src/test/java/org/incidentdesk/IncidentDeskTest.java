package org.incidentdesk;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on an in-memory H2 database with the demo world and the job
 * executor off (tests drive timers). Every test class that uses it shares one application
 * context. In the PostgreSQL test run ({@link TestDatabase}) the same classes run with
 * the {@code postgres} profile on the JVM's embedded PostgreSQL instead, and share one
 * context there.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles(resolver = TestDatabase.Profiles.class)
public @interface IncidentDeskTest {

}

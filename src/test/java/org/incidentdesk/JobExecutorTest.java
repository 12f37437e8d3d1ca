package org.incidentdesk;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * {@link IncidentDeskTest} with the job executor running, as in production: timers fire
 * by themselves. The database is an H2 of its own (not the one the other test contexts
 * share, whose tests drive their timers by hand and must not find them fired), and the
 * context is closed after the class, so that its job executor stops.
 * <p>
 * The job executor's settings come from {@code application.yaml}; system properties such
 * as {@code -Dcamunda.bpm.job-execution.max-wait=2000} override them for a benchmark run.
 * {@code -Dincident-desk.test.h2-url=jdbc:h2:file:./target/...} puts the database in a
 * file, as the README's run command does. In the PostgreSQL test run
 * ({@link TestDatabase}) it is a fresh database of its own on the embedded PostgreSQL
 * instead, with the {@code postgres} profile.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles(resolver = TestDatabase.Profiles.class)
@ContextConfiguration(initializers = JobExecutorDatabases.OfTheRun.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public @interface JobExecutorTest {

}

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
 * {@link PostgresTest} with the job executor running, as in production. The database is a
 * fresh one of its own on the JVM's embedded PostgreSQL server, so the timers of the
 * other test contexts' incidents are never fired by this job executor; the context is
 * closed after the class, so that its job executor stops. Settings as for
 * {@link JobExecutorTest}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({ "test", "demo", "postgres" })
@ContextConfiguration(initializers = JobExecutorDatabases.Postgres.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public @interface JobExecutorPostgresTest {

}

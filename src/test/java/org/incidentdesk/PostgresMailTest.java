package org.incidentdesk;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * {@link PostgresTest} with mail: outgoing mail and the inbound mailbox on the test JVM's
 * one GreenMail ({@link TestMailServer}). All classes using it share this one extra
 * application context, on the same database as {@link PostgresTest}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({ "test", "demo", "postgres" })
@ContextConfiguration(initializers = { EmbeddedPostgresDatabase.class, TestMailServer.class })
public @interface PostgresMailTest {

}

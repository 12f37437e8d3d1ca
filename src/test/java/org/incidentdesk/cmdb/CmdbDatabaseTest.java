package org.incidentdesk.cmdb;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.incidentdesk.system.EngineClock;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The CMDB on an embedded H2 database that Flyway migrated.
 * <p>
 * Tests do not run in a transaction of their own, unlike plain {@code @JdbcTest}s, so
 * that an import that fails really rolls back and the test sees what was committed; they
 * empty the table first instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@JdbcTest
@Import({ Cmdb.class, CmdbImport.class, EngineClock.class })
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@interface CmdbDatabaseTest {

}

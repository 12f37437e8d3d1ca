package org.incidentdesk;

import org.junit.platform.suite.api.AfterSuite;
import org.junit.platform.suite.api.BeforeSuite;
import org.junit.platform.suite.api.IncludeClassNamePatterns;
import org.junit.platform.suite.api.IncludeTags;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;
import org.junit.platform.suite.api.SuiteDisplayName;

/**
 * The build's PostgreSQL run: the scenarios marked {@link BothDatabases} again, and those
 * marked {@link PostgresOnly}, with every application context on the embedded PostgreSQL
 * and the {@code postgres} profile ({@link TestDatabase}). It runs in the same test JVM
 * as the H2 run, after or before it, so the JVM starts once; while it runs, the system
 * property {@value TestDatabase#PROPERTY} is {@code postgres}, and the contexts it builds
 * are other cache entries than the H2 ones.
 */
@Suite
@SuiteDisplayName("Scenarios on PostgreSQL")
@SelectPackages("org.incidentdesk")
@IncludeClassNamePatterns(".*Tests?$")
@IncludeTags({ BothDatabases.TAG, PostgresOnly.TAG })
class PostgresqlScenariosTests {

	@BeforeSuite
	static void onPostgresql() {
		System.setProperty(TestDatabase.PROPERTY, "postgres");
	}

	@AfterSuite
	static void backToH2() {
		System.clearProperty(TestDatabase.PROPERTY);
	}

}

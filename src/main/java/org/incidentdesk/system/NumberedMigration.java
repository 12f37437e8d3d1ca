package org.incidentdesk.system;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A Flyway migration written in Java, numbered among the SQL files of
 * {@code db/migration}: it runs in Flyway's transaction and has no checksum (its code is
 * the record of what it does).
 */
abstract class NumberedMigration implements JavaMigration {

	private final MigrationVersion version;

	private final String description;

	NumberedMigration(String version, String description) {
		this.version = MigrationVersion.fromVersion(version);
		this.description = description;
	}

	@Override
	public MigrationVersion getVersion() {
		return this.version;
	}

	@Override
	public String getDescription() {
		return this.description;
	}

	@Override
	public Integer getChecksum() {
		return null;
	}

	@Override
	public boolean canExecuteInTransaction() {
		return true;
	}

}

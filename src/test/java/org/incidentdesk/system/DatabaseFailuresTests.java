package org.incidentdesk.system;

import java.sql.Connection;
import java.sql.SQLException;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Which failures count as a database that went away (answered 503, never 500), with a
 * real HikariCP pool: a statement on a connection the pool has closed under the
 * transaction carries no SQL state, yet it is the database's failure.
 */
class DatabaseFailuresTests {

	@Test
	void aConnectionClosedByThePoolIsTheDatabases() throws Exception {
		SQLException closed = closedConnectionFailure();

		assertThat(closed.getSQLState()).isNull();
		assertThat(DatabaseFailures.isUnreachable(closed)).isTrue();
		// as the cluster suite met it: the rollback failed on that connection, after a
		// statement that failed on it the same way
		TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
				closedConnectionFailure());
		rollback.initApplicationException(new IllegalStateException("persistence", closedConnectionFailure()));
		assertThat(DatabaseFailures.isNoConnection(rollback)).isTrue();
	}

	@Test
	void theSameWordsFromAnywhereElseAreNot() {
		SQLException elsewhere = new SQLException("Connection is closed");

		assertThat(DatabaseFailures.isUnreachable(elsewhere)).isFalse();
		assertThat(DatabaseFailures.isNoConnection(new TransactionSystemException("JDBC rollback failed", elsewhere)))
			.isFalse();
	}

	@Test
	void aStatementTheDatabaseRefusedIsNot() {
		assertThat(DatabaseFailures.isUnreachable(new SQLException("syntax error", "42601"))).isFalse();
		assertThat(DatabaseFailures.isUnreachable(new SQLException("terminating connection", "57P01"))).isTrue();
	}

	/** What HikariCP throws for a connection it has closed. */
	private static SQLException closedConnectionFailure() throws SQLException {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl("jdbc:h2:mem:database-failures");
		config.setMaximumPoolSize(1);
		try (HikariDataSource pool = new HikariDataSource(config)) {
			Connection connection = pool.getConnection();
			connection.close();
			return catchThrowableOfType(SQLException.class, connection::rollback);
		}
	}

}

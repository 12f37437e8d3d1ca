package org.incidentdesk.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Lets the start-up steps that write what every installation needs once (the first
 * administrator, the built-in groups and their grants, the demo world, ...) run on one
 * node at a time, so that nodes starting together do not each find it missing and write
 * it twice, or fail on each other's rows. Each such step looks first and writes only what
 * is missing ("insert if absent"); under this lock, a node that waited finds what the
 * node before it wrote, and writes nothing. The tables' keys stay the backstop.
 * <p>
 * On PostgreSQL the lock is a transaction-level advisory lock
 * ({@code pg_advisory_xact_lock}) on a connection of its own, held while the step runs in
 * its own transactions: it ends with that connection's transaction, so a node that stops
 * half-way never leaves it held. A step waits for the lock outside any transaction of its
 * own, so it holds no row another node could wait for. On H2, whose file database one
 * process opens at a time, only the steps of this JVM take turns.
 * <p>
 * Schema changes do not need this: Flyway takes its own lock ({@link CamundaSchema}).
 */
@Component
public class StartUpLock {

	/** The advisory lock's key: "incident desk start-up" as a number. */
	static final long KEY = 0x1D5C_0057_A27F_0001L;

	private static final Logger log = LoggerFactory.getLogger(StartUpLock.class);

	/** This JVM's steps (and another context's in the same JVM) take turns too. */
	private static final ReentrantLock IN_THIS_JVM = new ReentrantLock();

	private final DataSource dataSource;

	private volatile Boolean postgres;

	StartUpLock(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/**
	 * Runs the step while no other node runs one; a step within a step runs at once.
	 * @param step what the step does, for the log
	 * @param work the step, which opens its own transactions
	 */
	public void run(String step, Runnable work) {
		IN_THIS_JVM.lock();
		try {
			if (IN_THIS_JVM.getHoldCount() > 1 || !postgres()) {
				work.run();
				return;
			}
			try (Connection connection = this.dataSource.getConnection()) {
				connection.setAutoCommit(false);
				try {
					acquire(connection, step);
					work.run();
				}
				finally {
					// Ends the transaction, and with it the lock.
					connection.rollback();
					connection.setAutoCommit(true);
				}
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Cannot take the start-up lock for " + step + ": " + ex.getMessage(),
						ex);
			}
		}
		finally {
			IN_THIS_JVM.unlock();
		}
	}

	private static void acquire(Connection connection, String step) throws SQLException {
		if (query(connection, "select pg_try_advisory_xact_lock(?)")) {
			return;
		}
		log.info("Another node is running a start-up step; {} waits for it.", step);
		query(connection, "select pg_advisory_xact_lock(?) is null");
	}

	private static boolean query(Connection connection, String sql) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setLong(1, KEY);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getBoolean(1);
			}
		}
	}

	private boolean postgres() {
		Boolean known = this.postgres;
		if (known == null) {
			try (Connection connection = this.dataSource.getConnection()) {
				known = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Cannot tell the database's kind: " + ex.getMessage(), ex);
			}
			this.postgres = known;
		}
		return known;
	}

}

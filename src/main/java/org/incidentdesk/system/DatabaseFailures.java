package org.incidentdesk.system;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a failure of the database from a failure of the request: no free connection in
 * time (the database is busy), or no database to connect to (it restarts, or it ended the
 * connection). Such a request is answered 503 with {@code Retry-After} everywhere
 * ({@code DatabaseBusyFilter}, {@code ApiExceptionHandler}, {@code EngineErrorFilter},
 * the portal's error pages), never 500; its transaction was rolled back.
 */
public final class DatabaseFailures {

	/**
	 * SQL states of a database that cannot be reached besides the connection exceptions
	 * (class 08): PostgreSQL's shutdown and start-up (57P01 admin shutdown, 57P02 crash
	 * shutdown, 57P03 cannot connect now).
	 */
	private static final Set<String> UNREACHABLE_STATES = Set.of("57P01", "57P02", "57P03");

	private static final String HIKARI_CLOSED_CONNECTION = "com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection";

	private DatabaseFailures() {
	}

	/**
	 * Whether the failure is the database's, not the request's: no free connection in
	 * time, or no database to connect to.
	 */
	public static boolean isNoConnection(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = next(cause)) {
			if (cause instanceof CannotCreateTransactionException || cause instanceof CannotGetJdbcConnectionException
					|| cause instanceof SQLTransientConnectionException) {
				return true;
			}
		}
		return isUnreachable(failure);
	}

	/**
	 * Whether the failure, or one of its causes, says that the database cannot be
	 * reached: refused or broken connections, or a server that is shutting down or
	 * starting up, or a connection the pool closed under the transaction for that. A
	 * rollback that failed counts by the failure that made it roll back.
	 */
	public static boolean isUnreachable(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = next(cause)) {
			if (cause instanceof SQLNonTransientConnectionException || cause instanceof SQLRecoverableException) {
				return true;
			}
			if (cause instanceof SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().startsWith("08") || UNREACHABLE_STATES.contains(sql.getSQLState()))) {
				return true;
			}
			if (cause instanceof SQLException sql && sql.getSQLState() == null && isClosedByThePool(sql)) {
				return true;
			}
			if (cause instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
					&& rollback.getApplicationException() != failure
					&& isUnreachable(rollback.getApplicationException())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * HikariCP's "Connection is closed": a statement on a connection the pool has already
	 * closed under the transaction, because another statement on it met a database that
	 * went away (the pool evicts a connection on SQL states such as 57P01 or 08xxx). It
	 * carries no SQL state, and when the failure before it was also on that connection,
	 * nothing in the chain does.
	 */
	private static boolean isClosedByThePool(SQLException failure) {
		StackTraceElement[] frames = failure.getStackTrace();
		return frames.length > 0 && frames[0].getClassName().equals(HIKARI_CLOSED_CONNECTION);
	}

	private static Throwable next(Throwable cause) {
		return (cause.getCause() != cause) ? cause.getCause() : null;
	}

}

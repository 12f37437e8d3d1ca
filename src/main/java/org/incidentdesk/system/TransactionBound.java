package org.incidentdesk.system;

import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What one transaction remembers for its owner (what it read, locked or wrote), so that
 * the owner does not ask the database again. Bound to the transaction and dropped when it
 * ends, committed or rolled back.
 *
 * @param <T> what is remembered
 */
public final class TransactionBound<T> {

	private final DataSource dataSource;

	private final Supplier<T> fresh;

	/**
	 * @param dataSource the data source whose transactions it is bound to
	 * @param fresh what a transaction starts with
	 */
	public TransactionBound(DataSource dataSource, Supplier<T> fresh) {
		this.dataSource = dataSource;
		this.fresh = fresh;
	}

	/**
	 * This transaction's state; null outside a transaction, and in a transaction started
	 * while another one waits (that one's state stays with it).
	 */
	public T current() {
		Object connection = TransactionSynchronizationManager.getResource(this.dataSource);
		if (connection == null || !TransactionSynchronizationManager.isActualTransactionActive()
				|| !TransactionSynchronizationManager.isSynchronizationActive()) {
			return null;
		}
		Bound<?> bound = (Bound<?>) TransactionSynchronizationManager.getResource(this);
		if (bound != null && bound.connection() != connection) {
			return null;
		}
		if (bound == null) {
			bound = new Bound<>(connection, this.fresh.get());
			TransactionSynchronizationManager.bindResource(this, bound);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(TransactionBound.this);
				}
			});
		}
		@SuppressWarnings("unchecked")
		T state = (T) bound.state();
		return state;
	}

	/** The state and the connection of the transaction it belongs to. */
	private record Bound<T>(Object connection, T state) {
	}

}

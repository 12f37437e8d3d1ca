package org.incidentdesk.system;

import java.sql.SQLException;
import java.util.Set;
import java.util.function.Supplier;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.retry.RetryCallback;
import org.springframework.retry.RetryContext;
import org.springframework.retry.RetryListener;
import org.springframework.retry.backoff.ExponentialRandomBackOffPolicy;
import org.springframework.retry.policy.SimpleRetryPolicy;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a unit of work in a transaction of its own and runs it again, a few times and
 * after a short random wait, when the database ends it because of a conflict with a
 * concurrent transaction: a deadlock, a serialization failure, a lock wait that timed
 * out, or the engine's optimistic locking. Such a conflict says nothing about the
 * request, so the person who sent it must not see it.
 * <p>
 * Only the outermost transaction can be tried again: after a conflict the database has
 * already rolled it back. Work that joins a transaction somebody else opened therefore
 * runs once, and its conflict reaches the code that opened that transaction, which
 * retries the whole.
 */
@Component
public class ConflictRetry {

	private static final Logger logger = LoggerFactory.getLogger(ConflictRetry.class);

	/** Attempts in all, the first one included. */
	static final int MAX_ATTEMPTS = 6;

	/**
	 * SQL states of a transaction the database rolled back because of a concurrent one:
	 * serialization failure (standard, also H2's deadlock) and PostgreSQL's deadlock.
	 */
	private static final Set<String> CONFLICT_STATES = Set.of("40001", "40P01");

	/** H2's lock timeout and concurrent update, which PostgreSQL reports as waits. */
	private static final Set<Integer> H2_CONFLICT_CODES = Set.of(50200, 90131);

	private final TransactionTemplate transaction;

	private final RetryTemplate retry;

	public ConflictRetry(PlatformTransactionManager transactions) {
		this.transaction = new TransactionTemplate(transactions);
		ExponentialRandomBackOffPolicy backOff = new ExponentialRandomBackOffPolicy();
		backOff.setInitialInterval(20);
		backOff.setMultiplier(2.0);
		backOff.setMaxInterval(1_000);
		this.retry = RetryTemplate.builder().customPolicy(new SimpleRetryPolicy(MAX_ATTEMPTS) {
			@Override
			public boolean canRetry(RetryContext context) {
				Throwable failure = context.getLastThrowable();
				return (failure == null || isConflict(failure)) && super.canRetry(context);
			}
		}).customBackoff(backOff).withListener(new RetryListener() {
			@Override
			public <T, E extends Throwable> void onError(RetryContext context, RetryCallback<T, E> callback,
					Throwable failure) {
				if (isConflict(failure)) {
					logger.debug("Attempt {} met a conflict with a concurrent transaction", context.getRetryCount(),
							failure);
				}
			}
		}).build();
	}

	/**
	 * Runs the work in a new transaction, again on a conflict; inside a transaction that
	 * is already open, runs it once in that transaction.
	 */
	public <T> T inTransaction(Supplier<T> work) {
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			return work.get();
		}
		return this.retry.execute((context) -> this.transaction.execute((status) -> work.get()));
	}

	/** Like {@link #inTransaction(Supplier)}, for work without a result. */
	public void inTransaction(Runnable work) {
		inTransaction(() -> {
			work.run();
			return null;
		});
	}

	/**
	 * Whether the failure, or one of its causes, is the database or the engine ending a
	 * transaction because of a concurrent one.
	 */
	public static boolean isConflict(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof ConcurrencyFailureException || cause instanceof OptimisticLockingException) {
				return true;
			}
			// Not every SQLException has a state (a connection that a restarting database
			// closed may have none), and the immutable set refuses to look for null.
			if (cause instanceof SQLException sql
					&& ((sql.getSQLState() != null && CONFLICT_STATES.contains(sql.getSQLState()))
							|| H2_CONFLICT_CODES.contains(sql.getErrorCode()))) {
				return true;
			}
		}
		return false;
	}

}

package org.incidentdesk.system;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ConflictRetryTests {

	private final DataSourceTransactionManager transactions = new DataSourceTransactionManager(
			new DriverManagerDataSource("jdbc:h2:mem:conflict-retry;DB_CLOSE_DELAY=-1", "sa", ""));

	private final ConflictRetry retry = new ConflictRetry(this.transactions);

	@Test
	void runsWorkAgainWhenTheDatabaseEndedItForAConcurrentTransaction() {
		// Given work that meets a deadlock, then the engine's optimistic locking
		AtomicInteger attempts = new AtomicInteger();

		// When
		String result = this.retry.inTransaction(() -> {
			switch (attempts.incrementAndGet()) {
				case 1 -> throw new PessimisticLockingFailureException("deadlock detected");
				case 2 ->
					throw new OptimisticLockingException("ENGINE-03005 entity was updated by another transaction");
				default -> {
					return "reported";
				}
			}
		});

		// Then
		assertThat(result).isEqualTo("reported");
		assertThat(attempts).hasValue(3);
	}

	@Test
	void givesUpAfterTheLastAttemptAndLetsTheConflictThrough() {
		AtomicInteger attempts = new AtomicInteger();

		assertThatExceptionOfType(PessimisticLockingFailureException.class)
			.isThrownBy(() -> this.retry.inTransaction(() -> {
				attempts.incrementAndGet();
				throw new PessimisticLockingFailureException("deadlock detected");
			}));
		assertThat(attempts).hasValue(ConflictRetry.MAX_ATTEMPTS);
	}

	@Test
	void doesNotRunAgainWhatFailedForAnyOtherReason() {
		AtomicInteger attempts = new AtomicInteger();

		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.retry.inTransaction(() -> {
				attempts.incrementAndGet();
				throw new DataIntegrityViolationException("duplicate key");
			}));
		assertThat(attempts).hasValue(1);
	}

	@Test
	void aFailureWithoutSqlStateIsNoConflictAndLeavesAsItIs() {
		// Given work whose connection the database closed while it restarted: the
		// driver's exception has no SQL state
		AtomicInteger attempts = new AtomicInteger();
		IllegalStateException closed = new IllegalStateException(new SQLException("This connection has been closed."));

		// Then it runs once and its own failure leaves, not another one
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> this.retry.inTransaction(() -> {
			attempts.incrementAndGet();
			throw closed;
		})).isSameAs(closed);
		assertThat(attempts).hasValue(1);
		assertThat(ConflictRetry.isConflict(closed)).isFalse();
	}

	@Test
	void runsWorkInsideAnOpenTransactionOnceSoThatItsOpenerRetriesTheWhole() {
		AtomicInteger attempts = new AtomicInteger();

		assertThatExceptionOfType(PessimisticLockingFailureException.class)
			.isThrownBy(() -> new TransactionTemplate(this.transactions)
				.executeWithoutResult((outer) -> this.retry.inTransaction(() -> {
					attempts.incrementAndGet();
					throw new PessimisticLockingFailureException("deadlock detected");
				})));
		assertThat(attempts).hasValue(1);
	}

	@Test
	void recognisesConflictsTheEngineOrDriverWrapped() {
		assertThat(ConflictRetry.isConflict(
				new ProcessEngineException("flush failed", new SQLException("ERROR: deadlock detected", "40P01"))))
			.isTrue();
		assertThat(ConflictRetry.isConflict(new ProcessEngineException("flush failed",
				new SQLTransactionRollbackException("could not serialize access", "40001"))))
			.isTrue();
		assertThat(ConflictRetry.isConflict(new ProcessEngineException("flush failed",
				new SQLException("Timeout trying to lock table", "HYT00", 50200))))
			.isTrue();
		assertThat(ConflictRetry
			.isConflict(new ProcessEngineException("flush failed", new SQLException("value too long", "22001"))))
			.isFalse();
	}

}

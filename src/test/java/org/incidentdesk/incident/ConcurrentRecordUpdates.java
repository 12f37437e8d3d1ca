package org.incidentdesk.incident;

import org.incidentdesk.TestReports;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.incidentdesk.system.ConflictRetry;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two transactions that read the same incident and then change it, interleaved by a
 * barrier so that both read before either writes: the scenario of
 * {@link ConcurrentRecordUpdatesTests}, on H2 and on PostgreSQL.
 */
final class ConcurrentRecordUpdates {

	private ConcurrentRecordUpdates() {
	}

	/** With the retry every service uses, both escalations count. */
	static void bothChangesAreKept(IncidentService incidents, IncidentRecords records, ConflictRetry retry)
			throws Exception {
		String number = report(incidents);
		CyclicBarrier bothRead = new CyclicBarrier(2);
		CompletableFuture<Void> first = CompletableFuture.runAsync(() -> escalate(records, retry, number, bothRead));
		CompletableFuture<Void> second = CompletableFuture.runAsync(() -> escalate(records, retry, number, bothRead));
		CompletableFuture.allOf(first, second).get(60, TimeUnit.SECONDS);

		Incident after = records.get(number);
		assertThat(after.hierarchicalEscalationCount()).isEqualTo(2);
		assertThat(records.timeline(number, true)
			.stream()
			.filter(entry -> entry.kind() == ActivityKind.HIERARCHICAL_ESCALATION)
			.count()).isEqualTo(2);
	}

	/** Without a retry, the change decided on a stale read is refused, not written. */
	static void theStaleChangeIsRefused(IncidentService incidents, IncidentRecords records,
			PlatformTransactionManager transactions) throws Exception {
		String number = report(incidents);
		TransactionTemplate once = new TransactionTemplate(transactions);
		CyclicBarrier bothRead = new CyclicBarrier(2);
		Runnable escalate = () -> once.executeWithoutResult(status -> {
			records.get(number);
			await(bothRead);
			records.recordHierarchicalEscalation(number, "Escalated once, without a retry.");
		});
		CompletableFuture<Void> first = CompletableFuture.runAsync(escalate);
		CompletableFuture<Void> second = CompletableFuture.runAsync(escalate);
		int refused = 0;
		for (CompletableFuture<Void> escalation : java.util.List.of(first, second)) {
			try {
				escalation.get(60, TimeUnit.SECONDS);
			}
			catch (java.util.concurrent.ExecutionException ex) {
				assertThat(ex.getCause()).isInstanceOf(ConcurrencyFailureException.class);
				refused++;
			}
		}
		assertThat(refused).isEqualTo(1);
		assertThat(records.get(number).hierarchicalEscalationCount()).isEqualTo(1);
	}

	private static void escalate(IncidentRecords records, ConflictRetry retry, String number, CyclicBarrier bothRead) {
		AtomicInteger attempts = new AtomicInteger();
		retry.inTransaction(() -> {
			records.get(number);
			if (attempts.getAndIncrement() == 0) {
				await(bothRead);
			}
			records.recordHierarchicalEscalation(number, "Escalated by a concurrent test.");
		});
	}

	private static void await(CyclicBarrier barrier) {
		try {
			barrier.await(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String report(IncidentService incidents) {
		return incidents
			.report(TestReports.report("Two changes at once").description("Reported by a concurrency test.").build())
			.number();
	}

}

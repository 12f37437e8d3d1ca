package org.incidentdesk.audit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.incidentdesk.incident.Activity.Visibility;
import org.incidentdesk.audit.HashScheme;
import org.incidentdesk.incident.ActivityKind;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentRecords;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two timeline writes for one incident at once, the first holding its transaction open:
 * the second must wait for it and then chain to it. Shared by the H2 and PostgreSQL
 * tests.
 */
final class ConcurrentTimelineWrites {

	private ConcurrentTimelineWrites() {
	}

	static void secondWriterWaitsAndChainsToTheFirst(Incident incident, IncidentRecords records,
			PlatformTransactionManager transactions, JdbcClient jdbc, AuditTrail trail) throws Exception {
		CountDownLatch firstWritten = new CountDownLatch(1);
		CountDownLatch releaseFirst = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			// Given a first writer that has written its entry but not committed yet
			CompletableFuture<Void> first = CompletableFuture
				.runAsync(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
					records.addEntry(incident.number(), ActivityKind.WORK_NOTE, Visibility.INTERNAL, "first writer");
					firstWritten.countDown();
					awaitLatch(releaseFirst);
				}), threads);
			assertThat(firstWritten.await(30, TimeUnit.SECONDS)).isTrue();

			// When a second writer adds an entry to the same incident
			CompletableFuture<Void> second = CompletableFuture.runAsync(() -> records.addEntry(incident.number(),
					ActivityKind.WORK_NOTE, Visibility.INTERNAL, "second writer"), threads);

			// Then it waits while the first one's transaction is open
			await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> !second.isDone());
			releaseFirst.countDown();
			first.get(30, TimeUnit.SECONDS);
			second.get(30, TimeUnit.SECONDS);
		}
		finally {
			releaseFirst.countDown();
			threads.shutdownNow();
		}

		// And chains to it, so the chain stays one line
		List<String[]> rows = jdbc
			.sql("select body, hash, previous_hash from incident_activity where incident_id = :id order by id")
			.param("id", incident.id())
			.query((rs, row) -> new String[] { rs.getString(1), rs.getString(2), rs.getString(3) })
			.list();
		String[] last = rows.get(rows.size() - 1);
		String[] beforeLast = rows.get(rows.size() - 2);
		assertThat(beforeLast[0]).isEqualTo("first writer");
		assertThat(last[0]).isEqualTo("second writer");
		assertThat(last[2]).isEqualTo(beforeLast[1]);
		assertThat(trail.verify(incident.id()))
			.isEqualTo(ChainVerification.intact(rows.size(), HashScheme.HMAC_SHA256));
	}

	private static void awaitLatch(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

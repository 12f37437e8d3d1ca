package org.incidentdesk.audit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.TestReports;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The audit trail's own API: what is appended comes back chained and sealed, verification
 * names an entry changed in the database, and nothing is appended outside the transaction
 * of a change (H2, keyed as in production).
 */
@IncidentDeskTest
class AuditTrailTests {

	private static final OffsetDateTime AT = OffsetDateTime.of(2026, 3, 4, 5, 6, 7, 0, ZoneOffset.UTC);

	@Autowired
	AuditTrail trail;

	@Autowired
	IncidentService incidents;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	JdbcClient jdbc;

	@Test
	void appendedEntriesComeBackChainedAndTheChainVerifies() {
		// Given an incident, whose report wrote the first entries
		long id = report("Appended through the audit trail").id();
		List<TrailEntry> before = this.trail.entries(id);

		// When two entries are appended in one transaction, one with a long old value
		inTransaction(() -> {
			this.trail.append(id, note("First appended."));
			this.trail.append(id, new NewTrailEntry("FIELD_CHANGE", "PUBLIC", "audit-test", null, "summary",
					"x".repeat(250), "short", AT));
		});

		// Then they come back in order, each linked to the one before it
		List<TrailEntry> entries = this.trail.entries(id);
		assertThat(entries).hasSize(before.size() + 2);
		TrailEntry first = entries.get(before.size());
		TrailEntry second = entries.get(before.size() + 1);
		assertThat(first.body()).isEqualTo("First appended.");
		assertThat(first.kind()).isEqualTo("WORK_NOTE");
		assertThat(first.visibility()).isEqualTo("INTERNAL");
		assertThat(first.previousHash()).isEqualTo(before.get(before.size() - 1).hash());
		assertThat(second.previousHash()).isEqualTo(first.hash());
		assertThat(List.of(first, second)).allSatisfy((entry) -> {
			assertThat(entry.incidentId()).isEqualTo(id);
			assertThat(entry.hash()).matches("[0-9a-f]{64}");
			assertThat(entry.hashScheme()).isEqualTo("HMAC_SHA256");
			assertThat(entry.createdAt().toInstant()).isEqualTo(AT.toInstant());
		});

		// And a long value is stored shortened, as the column keeps it
		assertThat(second.oldValue()).hasSize(200).endsWith("...");
		assertThat(second.newValue()).isEqualTo("short");

		// And the chain and its seal verify
		assertThat(this.trail.verify(id)).isEqualTo(ChainVerification.intact(entries.size(), HashScheme.HMAC_SHA256));
	}

	@Test
	void verificationNamesAnEntryChangedInTheDatabase() {
		// Given an incident with an appended entry
		long id = report("Tampered through the database").id();
		inTransaction(() -> this.trail.append(id, note("The original words.")));
		TrailEntry appended = newest(id);
		inTransaction(() -> this.trail.append(id, note("A later note.")));

		// When somebody changes that entry's text in the database
		this.jdbc.sql("update incident_activity set body = 'Forged words.' where id = :id")
			.param("id", appended.id())
			.update();

		// Then verification names it
		ChainVerification verification = this.trail.verify(id);
		assertThat(verification.intact()).isFalse();
		assertThat(verification.firstBrokenEntryId()).isEqualTo(appended.id());
		assertThat(verification.reason()).contains("does not match its hash");
	}

	@Test
	void anEntryIsAppendedOnlyWithTheTransactionOfItsChange() {
		// Given an incident with an intact chain
		long id = report("Appended with its change").id();
		int entries = this.trail.entries(id).size();

		// When an entry is appended outside a transaction, it is refused
		assertThatThrownBy(() -> this.trail.append(id, note("Without a transaction.")))
			.isInstanceOf(IllegalTransactionStateException.class);

		// And when the change it records rolls back, so does the entry
		new TransactionTemplate(this.transactions).executeWithoutResult((status) -> {
			this.trail.append(id, note("Rolled back."));
			status.setRollbackOnly();
		});

		// Then neither is there and the chain still verifies
		assertThat(this.trail.entries(id)).hasSize(entries);
		assertThat(this.trail.verify(id)).isEqualTo(ChainVerification.intact(entries, HashScheme.HMAC_SHA256));
	}

	private Incident report(String summary) {
		return this.incidents
			.report(TestReports.report(summary).description("Reported in an audit trail test.").build());
	}

	private void inTransaction(Runnable work) {
		new TransactionTemplate(this.transactions).executeWithoutResult((status) -> work.run());
	}

	private TrailEntry newest(long id) {
		List<TrailEntry> entries = this.trail.entries(id);
		return entries.get(entries.size() - 1);
	}

	private static NewTrailEntry note(String body) {
		return new NewTrailEntry("WORK_NOTE", "INTERNAL", "audit-test", body, null, null, null, AT);
	}

}

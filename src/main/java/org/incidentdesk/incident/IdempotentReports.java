package org.incidentdesk.incident;

import org.incidentdesk.system.ConflictRetry;
import org.incidentdesk.system.EngineClock;
import org.incidentdesk.system.RefusedRequestException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reports an incident at most once per idempotency key. The key is stored in the
 * transaction that creates the incident and starts its process, so either all three exist
 * or none does. Two concurrent first requests with the same key both try to store it; the
 * primary key lets one win, and the other rolls back everything it did and answers with
 * the winner's incident.
 */
@Service
class IdempotentReports {

	private final IncidentService incidents;

	private final IncidentRecords records;

	private final IdempotencyKeys keys;

	private final EngineClock clock;

	private final ConflictRetry retry;

	private final TransactionTemplate readOnly;

	IdempotentReports(IncidentService incidents, IncidentRecords records, IdempotencyKeys keys, EngineClock clock,
			ConflictRetry retry, PlatformTransactionManager transactions) {
		this.incidents = incidents;
		this.records = records;
		this.keys = keys;
		this.clock = clock;
		this.retry = retry;
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
	}

	Reported report(ReportIncident report, IdempotencyKey key) {
		try {
			// A conflict with a concurrent report is run again, and then usually finds
			// the key that the other request stored.
			return this.retry.inTransaction(() -> reportOnce(report, key));
		}
		catch (DuplicateKeyException | TransientDataAccessException ex) {
			// Another request with this key stored it first (PostgreSQL waits for it), or
			// still held it through every retry (H2 reports a concurrent update or a lock
			// timeout). This request's incident and process were rolled back.
			return this.readOnly.execute(status -> this.keys.find(key.userId(), key.key())
				.map(stored -> replay(stored, key))
				.orElseThrow(() -> RefusedRequestException.conflict("Request in progress",
						"Another request with the Idempotency-Key '" + key.key()
								+ "' is being processed. Retry this request with the same key in a moment.")));
		}
	}

	private Reported reportOnce(ReportIncident report, IdempotencyKey key) {
		var stored = this.keys.find(key.userId(), key.key());
		if (stored.isPresent()) {
			return replay(stored.get(), key);
		}
		Incident incident = this.incidents.report(report);
		this.keys.insert(key, incident.number(), this.clock.nowUtc());
		return new Reported(incident, false);
	}

	private Reported replay(IdempotencyKeys.Stored stored, IdempotencyKey key) {
		if (!stored.requestHash().equals(key.requestHash())) {
			throw RefusedRequestException.contradicts("Idempotency-Key reused",
					"The Idempotency-Key '" + key.key() + "' was already used for a different request, which reported "
							+ stored.incidentNumber() + ". Use a new key for a new incident.");
		}
		return new Reported(this.records.get(stored.incidentNumber()), true);
	}

	/**
	 * @param replayed whether the incident was reported by an earlier request with the
	 * same key
	 */
	record Reported(Incident incident, boolean replayed) {
	}

}

package org.incidentdesk.audit;

import java.util.List;

/**
 * The audit trail of the incidents: each incident's timeline entries, linked into a keyed
 * hash chain and sealed, so that an auditor can see whether somebody with write access to
 * the database changed, inserted or removed an entry, the newest ones included. It knows
 * an incident only by its id.
 */
public interface AuditTrail {

	/**
	 * Appends an entry to the incident's timeline, links it into the incident's hash
	 * chain and moves the chain's seal on, in the transaction of the change the entry
	 * records (there must be one), so the entry commits or rolls back with it. Appends to
	 * one incident take turns ({@link TrailLock}).
	 */
	void append(long incidentId, NewTrailEntry entry);

	/** All entries of the incident, internal ones too, in the order they were written. */
	List<TrailEntry> entries(long incidentId);

	/**
	 * Recomputes the incident's hash chain and checks its seal, reading both from one
	 * snapshot.
	 */
	ChainVerification verify(long incidentId);

}

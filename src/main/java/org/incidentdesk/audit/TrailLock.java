package org.incidentdesk.audit;

/**
 * Makes appends to one incident's timeline take turns, so two entries never chain to the
 * same predecessor. The module that owns the incident rows implements it by locking the
 * incident's row until the transaction ends; it knows whether its transaction holds that
 * lock already (an update of the row takes it too), so the lock is taken once per
 * transaction and incident.
 */
public interface TrailLock {

	/**
	 * Locks the incident against other transactions' appends until this transaction ends.
	 */
	void lockForAppend(long incidentId);

}

package org.incidentdesk.audit;

/**
 * The result of recomputing an incident's timeline hash chain.
 *
 * @param intact whether every entry's hash matches its content and its predecessor
 * @param entries how many timeline entries the incident has
 * @param firstBrokenEntryId the id of the first entry that does not match, if any
 * @param reason why that entry does not match, if any
 */
record ChainVerification(boolean intact, int entries, Long firstBrokenEntryId, String reason) {

	static ChainVerification intact(int entries) {
		return new ChainVerification(true, entries, null, null);
	}

	static ChainVerification broken(int entries, long entryId, String reason) {
		return new ChainVerification(false, entries, entryId, reason);
	}

}

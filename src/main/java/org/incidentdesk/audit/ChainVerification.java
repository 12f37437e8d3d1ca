package org.incidentdesk.audit;

/**
 * The result of recomputing an incident's timeline hash chain.
 *
 * @param intact whether every entry's hash matches its content and its predecessor, and
 * the seal matches the newest entry and their number
 * @param entries how many timeline entries the incident has
 * @param scheme how this application checks the chain: {@code HMAC_SHA256} with the chain
 * key, or {@code UNKEYED_SHA256}, which somebody with write access to the database could
 * recompute
 * @param firstBrokenEntryId the id of the first entry that does not match (for removed
 * newest entries: the id of the newest one the seal names), if any
 * @param reason why that entry does not match, if any
 */
public record ChainVerification(boolean intact, int entries, HashScheme scheme, Long firstBrokenEntryId,
		String reason) {

	public static ChainVerification intact(int entries, HashScheme scheme) {
		return new ChainVerification(true, entries, scheme, null, null);
	}

	public static ChainVerification broken(int entries, HashScheme scheme, long entryId, String reason) {
		return new ChainVerification(false, entries, scheme, entryId, reason);
	}

}

package org.incidentdesk.audit.internal;

import java.util.List;
import java.util.Optional;

import org.incidentdesk.audit.ChainVerification;
import org.incidentdesk.audit.HashScheme;
import org.incidentdesk.audit.TrailEntry;

/**
 * Recomputes an incident's timeline hash chain and checks its seal.
 * <ul>
 * <li>Entries written before the chain existed (V6) have no hash; they may only come
 * before the first hashed entry, which then starts the chain. A missing hash after that
 * means somebody removed it.</li>
 * <li>Every hash is recomputed in the scheme recorded with it. An application with a
 * chain key accepts plain SHA-256 only for entries written before keys existed (V8) and
 * before any keyed entry: anything else was rewritten by somebody without the key.</li>
 * <li>The seal names the number of entries and the newest one, so removing the newest
 * entries is found; a chain that began after V8 must have one.</li>
 * </ul>
 */
final class TimelineChain {

	private TimelineChain() {
	}

	static ChainVerification verify(long incidentId, List<TrailEntry> rows, Optional<TimelineSeal> seal,
			long lastLegacyId, ActivityHash hash) {
		Verifier verifier = new Verifier(rows.size(), hash.scheme());
		String expectedPrevious = null;
		boolean keyedSeen = false;
		for (TrailEntry row : rows) {
			if (row.hash() == null) {
				if (expectedPrevious != null) {
					return verifier.broken(row.id(), "The entry has no hash, but the one before it has.");
				}
				continue;
			}
			String previous = (expectedPrevious != null) ? expectedPrevious : ActivityHash.CHAIN_START;
			if (!previous.equals(row.previousHash())) {
				return verifier.broken(row.id(),
						"The entry does not link to the entry before it: an entry was removed, inserted or re-linked.");
			}
			HashScheme scheme = HashScheme.of(row.hashScheme());
			if (scheme == HashScheme.HMAC_SHA256) {
				if (!hash.isKeyed()) {
					return verifier.broken(row.id(), "The entry is hashed with the chain key, and this application "
							+ "has none (" + ActivityHash.KEY_ENV + "), so it cannot be checked.");
				}
				keyedSeen = true;
			}
			else if (hash.isKeyed() && (keyedSeen || row.id() > lastLegacyId)) {
				return verifier.broken(row.id(), "The entry is hashed without the chain key although it was written "
						+ "when entries were keyed: somebody without the key rewrote it.");
			}
			String recomputed = hash.entry(scheme, row.incidentId(), row.kind(), row.visibility(), row.author(),
					row.body(), row.field(), row.oldValue(), row.newValue(), row.createdAt(), row.previousHash());
			if (!recomputed.equals(row.hash())) {
				return verifier.broken(row.id(),
						"The entry's content does not match its hash: it was changed after it was written.");
			}
			expectedPrevious = row.hash();
		}
		return verifySeal(incidentId, rows, seal, lastLegacyId, hash, verifier);
	}

	private static ChainVerification verifySeal(long incidentId, List<TrailEntry> rows, Optional<TimelineSeal> seal,
			long lastLegacyId, ActivityHash hash, Verifier verifier) {
		TrailEntry newest = rows.isEmpty() ? null : rows.get(rows.size() - 1);
		if (seal.isEmpty()) {
			if (newest != null && newest.id() > lastLegacyId) {
				return verifier.broken(newest.id(),
						"The timeline's seal is missing: somebody removed it, perhaps to hide removed entries.");
			}
			// Written before seals existed; the next entry seals it.
			return verifier.intact();
		}
		TimelineSeal stored = seal.get();
		HashScheme scheme = HashScheme.of(stored.scheme());
		if (scheme == HashScheme.HMAC_SHA256 && !hash.isKeyed()) {
			return verifier.broken(stored.lastActivityId(), "The timeline's seal is made with the chain key, and "
					+ "this application has none (" + ActivityHash.KEY_ENV + "), so it cannot be checked.");
		}
		if (scheme == HashScheme.UNKEYED_SHA256 && hash.isKeyed()) {
			return verifier.broken(stored.lastActivityId(),
					"The timeline's seal is made without the chain key: somebody without the key replaced it.");
		}
		String recomputed = hash.seal(scheme, incidentId, stored.entries(), stored.lastActivityId(), stored.lastHash());
		if (!recomputed.equals(stored.seal())) {
			return verifier.broken(stored.lastActivityId(),
					"The timeline's seal does not match its content: it was changed after it was written.");
		}
		if (stored.entries() > rows.size()) {
			return verifier.broken(stored.lastActivityId(),
					"The seal counts " + stored.entries() + " entries and there are " + rows.size() + ": the newest "
							+ (stored.entries() - rows.size()) + " entries were removed.");
		}
		if (newest == null || stored.entries() < rows.size() || stored.lastActivityId() != newest.id()
				|| !stored.lastHash().equals(newest.hash())) {
			return verifier.broken((newest != null) ? newest.id() : stored.lastActivityId(),
					"The newest entry is not the one the seal names (entry " + stored.lastActivityId()
							+ "): entries were added, removed or replaced without the chain key.");
		}
		return verifier.intact();
	}

	private record Verifier(int entries, HashScheme scheme) {

		ChainVerification intact() {
			return ChainVerification.intact(this.entries, this.scheme);
		}

		ChainVerification broken(long entryId, String reason) {
			return ChainVerification.broken(this.entries, this.scheme, entryId, reason);
		}

	}

}

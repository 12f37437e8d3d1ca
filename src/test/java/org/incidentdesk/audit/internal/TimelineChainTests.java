package org.incidentdesk.audit.internal;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.incidentdesk.audit.ChainVerification;
import org.incidentdesk.audit.HashScheme;
import org.incidentdesk.audit.TrailEntry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recomputing the chain and its seal, on rows built here the way the repository writes
 * them: keyed (HMAC-SHA256), unkeyed, and entries from before the key and the seal.
 */
class TimelineChainTests {

	private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 3, 1, 9, 0, 0, 0, ZoneOffset.UTC);

	private static final long INCIDENT = 7;

	private static final ActivityHash KEYED = ActivityHash
		.keyed("unit-test-chain-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8));

	private static final ActivityHash OTHER_KEY = ActivityHash
		.keyed("another-chain-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8));

	private static final ActivityHash UNKEYED = ActivityHash.unkeyed();

	@Test
	void anUntouchedKeyedChainIsIntact() {
		// Given a keyed chain of three entries and its seal
		List<TrailEntry> rows = chain(KEYED, 1, 3, ActivityHash.CHAIN_START);

		// Then it verifies with the key, and an empty timeline too
		assertThat(verify(rows, seal(KEYED, rows), 0, KEYED))
			.isEqualTo(ChainVerification.intact(3, HashScheme.HMAC_SHA256));
		assertThat(verify(List.of(), Optional.empty(), 0, KEYED))
			.isEqualTo(ChainVerification.intact(0, HashScheme.HMAC_SHA256));
	}

	@Test
	void keyedHashesDependOnTheKey() {
		String one = KEYED.entry(INCIDENT, "COMMENT", "PUBLIC", "a", "b", null, null, null, T0,
				ActivityHash.CHAIN_START);
		String other = OTHER_KEY.entry(INCIDENT, "COMMENT", "PUBLIC", "a", "b", null, null, null, T0,
				ActivityHash.CHAIN_START);
		String plain = ActivityHash.of(INCIDENT, "COMMENT", "PUBLIC", "a", "b", null, null, null, T0,
				ActivityHash.CHAIN_START);

		assertThat(one).hasSize(64).isNotEqualTo(other).isNotEqualTo(plain);
	}

	@Test
	void aChainCheckedWithAnotherKeyIsBroken() {
		List<TrailEntry> rows = chain(KEYED, 1, 2, ActivityHash.CHAIN_START);

		ChainVerification verification = verify(rows, seal(KEYED, rows), 0, OTHER_KEY);

		assertThat(verification.intact()).isFalse();
		assertThat(verification.firstBrokenEntryId()).isEqualTo(1L);
	}

	@Test
	void aChangedEntryBreaksTheChainAtThatEntry() {
		List<TrailEntry> rows = chain(KEYED, 1, 3, ActivityHash.CHAIN_START);
		rows.set(1, withBody(rows.get(1), "forged"));

		ChainVerification verification = verify(rows, seal(KEYED, rows), 0, KEYED);

		assertThat(verification.intact()).isFalse();
		assertThat(verification.firstBrokenEntryId()).isEqualTo(2L);
		assertThat(verification.reason()).contains("changed");
	}

	@Test
	void aRemovedEntryBreaksTheChainAtItsSuccessor() {
		List<TrailEntry> rows = chain(KEYED, 1, 3, ActivityHash.CHAIN_START);
		Optional<TimelineSeal> seal = seal(KEYED, rows);
		rows.remove(1);

		ChainVerification verification = verify(rows, seal, 0, KEYED);

		assertThat(verification.intact()).isFalse();
		assertThat(verification.firstBrokenEntryId()).isEqualTo(3L);
		assertThat(verification.reason()).contains("removed");
	}

	@Test
	void removedNewestEntriesAreFoundThroughTheSeal() {
		// Given a sealed chain of three
		List<TrailEntry> rows = chain(KEYED, 1, 3, ActivityHash.CHAIN_START);
		Optional<TimelineSeal> seal = seal(KEYED, rows);

		// When the newest two are removed, the rest still links up
		ChainVerification verification = verify(rows.subList(0, 1), seal, 0, KEYED);

		// Then the seal tells
		assertThat(verification.intact()).isFalse();
		assertThat(verification.firstBrokenEntryId()).isEqualTo(3L);
		assertThat(verification.reason()).contains("the newest 2 entries were removed");
	}

	@Test
	void aSealRewrittenWithoutTheKeyIsFound() {
		List<TrailEntry> rows = chain(KEYED, 1, 3, ActivityHash.CHAIN_START);
		List<TrailEntry> truncated = rows.subList(0, 2);

		// A seal over the shorter chain, recomputed unkeyed or with a guessed key
		assertThat(verify(truncated, seal(UNKEYED, truncated), 0, KEYED).reason()).contains("without the chain key");
		assertThat(verify(truncated, seal(OTHER_KEY, truncated), 0, KEYED).reason()).contains("does not match");
		// And no seal at all
		assertThat(verify(truncated, Optional.empty(), 0, KEYED).reason()).contains("seal is missing");
	}

	@Test
	void anEntryRecomputedWithoutTheKeyIsFound() {
		// Given a keyed chain whose newest entry somebody changed and hashed again with
		// plain SHA-256, as before the key
		List<TrailEntry> rows = chain(KEYED, 1, 2, ActivityHash.CHAIN_START);
		TrailEntry newest = withBody(rows.get(1), "forged");
		String plain = ActivityHash.of(INCIDENT, newest.kind(), newest.visibility(), newest.author(), newest.body(),
				null, null, null, newest.createdAt(), newest.previousHash());
		rows.set(1, withHash(newest, plain, HashScheme.UNKEYED_SHA256.name()));

		// Then it is found, whether the scheme was changed with it or not
		ChainVerification verification = verify(rows, seal(KEYED, rows), 0, KEYED);
		assertThat(verification.firstBrokenEntryId()).isEqualTo(2L);
		assertThat(verification.reason()).contains("without the chain key");
		rows.set(1, withHash(newest, plain, HashScheme.HMAC_SHA256.name()));
		assertThat(verify(rows, seal(KEYED, rows), 0, KEYED).reason()).contains("changed");
	}

	@Test
	void unkeyedEntriesFromBeforeTheKeyStillVerify() {
		// Given entries 1-2 hashed plainly before V8 (the legacy boundary is 2) and keyed
		// entries 3-4 after it
		List<TrailEntry> rows = chain(UNKEYED, 1, 2, ActivityHash.CHAIN_START);
		rows.addAll(chain(KEYED, 3, 2, rows.get(1).hash()));

		// Then the keyed application accepts them, with the seal the keyed writer made
		assertThat(verify(rows, seal(KEYED, rows), 2, KEYED))
			.isEqualTo(ChainVerification.intact(4, HashScheme.HMAC_SHA256));
		// And a legacy chain nobody wrote to since has no seal yet
		assertThat(verify(rows.subList(0, 2), Optional.empty(), 2, KEYED).intact()).isTrue();
		// But plain entries after the boundary were not written by the keyed application
		assertThat(verify(rows.subList(0, 2), Optional.empty(), 1, KEYED).firstBrokenEntryId()).isEqualTo(2L);
	}

	@Test
	void theUnkeyedModeVerifiesUnkeyedChainsAndCannotCheckKeyedOnes() {
		List<TrailEntry> plain = chain(UNKEYED, 1, 2, ActivityHash.CHAIN_START);
		assertThat(verify(plain, seal(UNKEYED, plain), 0, UNKEYED))
			.isEqualTo(ChainVerification.intact(2, HashScheme.UNKEYED_SHA256));
		assertThat(verify(plain.subList(0, 1), seal(UNKEYED, plain), 0, UNKEYED).reason())
			.contains("newest 1 entries were removed");

		List<TrailEntry> keyed = chain(KEYED, 1, 2, ActivityHash.CHAIN_START);
		ChainVerification verification = verify(keyed, seal(KEYED, keyed), 0, UNKEYED);
		assertThat(verification.intact()).isFalse();
		assertThat(verification.reason()).contains("cannot be checked").contains(ActivityHash.KEY_ENV);
	}

	@Test
	void theSameInstantInAnotherTimeZoneHashesAlike() {
		String utc = KEYED.entry(1, "COMMENT", "PUBLIC", "a", "b", null, null, null, T0, ActivityHash.CHAIN_START);
		String jakarta = KEYED.entry(1, "COMMENT", "PUBLIC", "a", "b", null, null, null,
				T0.withOffsetSameInstant(ZoneOffset.ofHours(7)), ActivityHash.CHAIN_START);
		assertThat(jakarta).isEqualTo(utc).hasSize(64);
	}

	@Test
	void anEmptyValueIsNotANullValue() {
		String empty = KEYED.entry(1, "COMMENT", "PUBLIC", "a", "", null, null, null, T0, ActivityHash.CHAIN_START);
		String none = KEYED.entry(1, "COMMENT", "PUBLIC", "a", null, null, null, null, T0, ActivityHash.CHAIN_START);
		assertThat(empty).isNotEqualTo(none);
	}

	@Test
	void entriesFromBeforeTheChainAreAcceptedOnlyAtTheStart() {
		List<TrailEntry> rows = new ArrayList<>();
		rows.add(new TrailEntry(1, INCIDENT, "COMMENT", "PUBLIC", "alice", "old", null, null, null, T0, null, null,
				null));
		rows.addAll(chain(KEYED, 2, 2, ActivityHash.CHAIN_START));
		assertThat(verify(rows, seal(KEYED, rows), 1, KEYED).intact()).isTrue();

		rows.add(new TrailEntry(4, INCIDENT, "COMMENT", "PUBLIC", "alice", "hash removed", null, null, null, T0, null,
				null, null));
		assertThat(verify(rows, seal(KEYED, rows), 1, KEYED)).isEqualTo(ChainVerification.broken(4,
				HashScheme.HMAC_SHA256, 4, "The entry has no hash, but the one before it has."));
	}

	private static ChainVerification verify(List<TrailEntry> rows, Optional<TimelineSeal> seal, long lastLegacyId,
			ActivityHash hash) {
		return TimelineChain.verify(INCIDENT, rows, seal, lastLegacyId, hash);
	}

	/** Rows first..first+length-1 of the incident, chained in the hash's scheme. */
	private static List<TrailEntry> chain(ActivityHash hash, long first, int length, String previous) {
		List<TrailEntry> rows = new ArrayList<>();
		for (long id = first; id < first + length; id++) {
			OffsetDateTime at = T0.plusMinutes(id);
			String entry = hash.entry(INCIDENT, "COMMENT", "PUBLIC", "alice", "comment " + id, null, null, null, at,
					previous);
			rows.add(new TrailEntry(id, INCIDENT, "COMMENT", "PUBLIC", "alice", "comment " + id, null, null, null, at,
					entry, previous, hash.scheme().name()));
			previous = entry;
		}
		return rows;
	}

	private static Optional<TimelineSeal> seal(ActivityHash hash, List<TrailEntry> rows) {
		TrailEntry newest = rows.get(rows.size() - 1);
		return Optional.of(new TimelineSeal(rows.size(), newest.id(), newest.hash(), hash.scheme().name(),
				hash.seal(hash.scheme(), INCIDENT, rows.size(), newest.id(), newest.hash())));
	}

	private static TrailEntry withBody(TrailEntry row, String body) {
		return new TrailEntry(row.id(), row.incidentId(), row.kind(), row.visibility(), row.author(), body, row.field(),
				row.oldValue(), row.newValue(), row.createdAt(), row.hash(), row.previousHash(), row.hashScheme());
	}

	private static TrailEntry withHash(TrailEntry row, String hash, String scheme) {
		return new TrailEntry(row.id(), row.incidentId(), row.kind(), row.visibility(), row.author(), row.body(),
				row.field(), row.oldValue(), row.newValue(), row.createdAt(), hash, row.previousHash(), scheme);
	}

}

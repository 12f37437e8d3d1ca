package org.incidentdesk.audit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.incidentdesk.incident.ActivityHash;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Recomputing the chain, on rows built here the way the repository writes them. */
class TimelineChainTests {

	private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 3, 1, 9, 0, 0, 0, ZoneOffset.UTC);

	@Test
	void anUntouchedChainIsIntact() {
		assertThat(TimelineChain.verify(chain(3))).isEqualTo(ChainVerification.intact(3));
		assertThat(TimelineChain.verify(List.of())).isEqualTo(ChainVerification.intact(0));
	}

	@Test
	void aChangedEntryBreaksTheChainAtThatEntry() {
		List<TimelineRow> rows = chain(3);
		TimelineRow second = rows.get(1);
		rows.set(1,
				new TimelineRow(second.id(), second.incidentId(), second.kind(), second.visibility(), second.author(),
						"forged", second.field(), second.oldValue(), second.newValue(), second.createdAt(),
						second.hash(), second.previousHash()));

		ChainVerification verification = TimelineChain.verify(rows);

		assertThat(verification.intact()).isFalse();
		assertThat(verification.firstBrokenEntryId()).isEqualTo(2L);
		assertThat(verification.reason()).contains("changed");
	}

	@Test
	void aRemovedEntryBreaksTheChainAtItsSuccessor() {
		List<TimelineRow> rows = chain(3);
		rows.remove(1);

		ChainVerification verification = TimelineChain.verify(rows);

		assertThat(verification.intact()).isFalse();
		assertThat(verification.firstBrokenEntryId()).isEqualTo(3L);
		assertThat(verification.reason()).contains("removed");
	}

	@Test
	void theSameInstantInAnotherTimeZoneHashesAlike() {
		String utc = ActivityHash.of(1, "COMMENT", "PUBLIC", "a", "b", null, null, null, T0, ActivityHash.CHAIN_START);
		String jakarta = ActivityHash.of(1, "COMMENT", "PUBLIC", "a", "b", null, null, null,
				T0.withOffsetSameInstant(ZoneOffset.ofHours(7)), ActivityHash.CHAIN_START);
		assertThat(jakarta).isEqualTo(utc).hasSize(64);
	}

	@Test
	void anEmptyValueIsNotANullValue() {
		String empty = ActivityHash.of(1, "COMMENT", "PUBLIC", "a", "", null, null, null, T0, ActivityHash.CHAIN_START);
		String none = ActivityHash.of(1, "COMMENT", "PUBLIC", "a", null, null, null, null, T0,
				ActivityHash.CHAIN_START);
		assertThat(empty).isNotEqualTo(none);
	}

	@Test
	void entriesFromBeforeTheChainAreAcceptedOnlyAtTheStart() {
		List<TimelineRow> rows = new ArrayList<>();
		rows.add(new TimelineRow(1, 7, "COMMENT", "PUBLIC", "alice", "old", null, null, null, T0, null, null));
		rows.addAll(chain(2).stream().map(row -> withId(row, row.id() + 1)).toList());
		assertThat(TimelineChain.verify(rows).intact()).isTrue();

		rows.add(new TimelineRow(4, 7, "COMMENT", "PUBLIC", "alice", "hash removed", null, null, null, T0, null, null));
		assertThat(TimelineChain.verify(rows))
			.isEqualTo(ChainVerification.broken(4, 4, "The entry has no hash, but the one before it has."));
	}

	/** Rows 1..n of incident 7, chained. */
	private static List<TimelineRow> chain(int length) {
		List<TimelineRow> rows = new ArrayList<>();
		String previous = ActivityHash.CHAIN_START;
		for (int i = 1; i <= length; i++) {
			OffsetDateTime at = T0.plusMinutes(i);
			String hash = ActivityHash.of(7, "COMMENT", "PUBLIC", "alice", "comment " + i, null, null, null, at,
					previous);
			rows.add(new TimelineRow(i, 7, "COMMENT", "PUBLIC", "alice", "comment " + i, null, null, null, at, hash,
					previous));
			previous = hash;
		}
		return rows;
	}

	private static TimelineRow withId(TimelineRow row, long id) {
		return new TimelineRow(id, row.incidentId(), row.kind(), row.visibility(), row.author(), row.body(),
				row.field(), row.oldValue(), row.newValue(), row.createdAt(), row.hash(), row.previousHash());
	}

}

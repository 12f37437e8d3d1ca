package org.incidentdesk.audit;

import java.util.List;

import org.incidentdesk.incident.ActivityHash;
import org.springframework.stereotype.Component;

/**
 * Recomputes an incident's timeline hash chain. Entries written before the chain existed
 * (V6) have no hash; they may only come before the first hashed entry, which then starts
 * the chain. A missing hash after that means somebody removed it.
 */
@Component
class TimelineChain {

	private final TimelineRows rows;

	TimelineChain(TimelineRows rows) {
		this.rows = rows;
	}

	ChainVerification verify(long incidentId) {
		return verify(this.rows.of(incidentId));
	}

	static ChainVerification verify(List<TimelineRow> rows) {
		String expectedPrevious = null;
		for (TimelineRow row : rows) {
			if (row.hash() == null) {
				if (expectedPrevious != null) {
					return ChainVerification.broken(rows.size(), row.id(),
							"The entry has no hash, but the one before it has.");
				}
				continue;
			}
			String previous = (expectedPrevious != null) ? expectedPrevious : ActivityHash.CHAIN_START;
			if (!previous.equals(row.previousHash())) {
				return ChainVerification.broken(rows.size(), row.id(),
						"The entry does not link to the entry before it: an entry was removed, inserted or re-linked.");
			}
			String recomputed = ActivityHash.of(row.incidentId(), row.kind(), row.visibility(), row.author(),
					row.body(), row.field(), row.oldValue(), row.newValue(), row.createdAt(), row.previousHash());
			if (!recomputed.equals(row.hash())) {
				return ChainVerification.broken(rows.size(), row.id(),
						"The entry's content does not match its hash: it was changed after it was written.");
			}
			expectedPrevious = row.hash();
		}
		return ChainVerification.intact(rows.size());
	}

}

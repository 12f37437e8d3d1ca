package org.incidentdesk.audit;

import java.time.OffsetDateTime;

/**
 * A row of {@code incident_activity} as stored, with its chain hashes and the scheme its
 * hash was computed with (null for rows without a hash).
 */
record TimelineRow(long id, long incidentId, String kind, String visibility, String author, String body, String field,
		String oldValue, String newValue, OffsetDateTime createdAt, String hash, String previousHash,
		String hashScheme) {

}

package org.incidentdesk.audit;

import java.time.OffsetDateTime;

/**
 * An entry of an incident's timeline as stored ({@code incident_activity}), with its
 * chain hashes and the scheme its hash was computed with (null for entries without a
 * hash).
 */
public record TrailEntry(long id, long incidentId, String kind, String visibility, String author, String body,
		String field, String oldValue, String newValue, OffsetDateTime createdAt, String hash, String previousHash,
		String hashScheme) {

}

package org.incidentdesk.audit;

import java.time.OffsetDateTime;

/**
 * What an entry to append to an incident's timeline says. The trail hashes these values
 * and does not interpret them: the incident module decides the kinds and who may see an
 * entry.
 *
 * @param kind what the entry records, e.g. {@code COMMENT} or {@code FIELD_CHANGE}
 * @param visibility {@code PUBLIC} (the caller sees it) or {@code INTERNAL}
 * @param author who wrote it or made the change
 * @param body its text, if any
 * @param field the changed field, if any
 * @param oldValue the field's value before, if any (stored shortened to 200 characters)
 * @param newValue the field's value after, if any (stored shortened to 200 characters)
 * @param createdAt when it happened
 */
public record NewTrailEntry(String kind, String visibility, String author, String body, String field, String oldValue,
		String newValue, OffsetDateTime createdAt) {

}

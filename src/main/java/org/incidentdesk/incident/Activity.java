package org.incidentdesk.incident;

import java.time.OffsetDateTime;

/** One entry of an incident's timeline. */
public record Activity(long id, ActivityKind kind, Visibility visibility, String author, String body, String field,
		String oldValue, String newValue, OffsetDateTime createdAt) {

	/** Who may see a timeline entry: callers see only public ones. */
	public enum Visibility {

		PUBLIC, INTERNAL

	}

}

package org.incidentdesk.history;

import java.time.OffsetDateTime;

/**
 * One line of an incident's audit history.
 *
 * @param at when it happened (UTC)
 * @param source whether the incident record's timeline or the process engine's history
 * says so
 * @param kind what happened, e.g. {@code FIELD_CHANGE}, {@code TIMER_FIRED},
 * {@code TASK_COMPLETE}
 * @param actor who did it; {@code system} or null for the engine itself
 * @param description what happened, for a person to read
 * @param field the changed field or property, if any
 * @param oldValue its value before, if any
 * @param newValue its value after, if any
 * @param hash the timeline entry's chain hash (record entries only)
 */
public record HistoryEntry(OffsetDateTime at, Source source, String kind, String actor, String description,
		String field, String oldValue, String newValue, String hash) {

	/** Where an entry comes from. */
	public enum Source {

		/** The incident record's own timeline ({@code incident_activity}). */
		RECORD,
		/** Camunda's history of the incident's process instance. */
		PROCESS

	}

}

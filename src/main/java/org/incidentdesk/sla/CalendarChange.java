package org.incidentdesk.sla;

import java.time.OffsetDateTime;

/**
 * One change of a tenant's business calendar, as audited: who made which version when,
 * and the whole calendar before and after it.
 *
 * @param tenantId the tenant
 * @param version the version the change made
 * @param kind what the change was
 * @param changedAt when it was committed (the database's clock)
 * @param changedBy the user who made it
 * @param oldValue the calendar before, as JSON; {@code null} before the first version
 * @param newValue the calendar after, as JSON
 */
public record CalendarChange(String tenantId, int version, Kind kind, OffsetDateTime changedAt, String changedBy,
		String oldValue, String newValue) {

	/** What a change was. */
	public enum Kind {

		/** The calendar was replaced as a whole. */
		REPLACED,
		/** Holidays were added or renamed by an import. */
		HOLIDAYS_IMPORTED

	}

}

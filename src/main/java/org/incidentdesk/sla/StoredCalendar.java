package org.incidentdesk.sla;

/**
 * A tenant's business calendar as stored, with its version: every change raises the
 * version by one. Version {@value #DEFAULT_VERSION} is the default calendar of a tenant
 * that has none of its own.
 *
 * @param tenantId the tenant (customer organisation)
 * @param calendar the calendar
 * @param version the stored version, or {@value #DEFAULT_VERSION} for the default
 */
public record StoredCalendar(String tenantId, BusinessCalendar calendar, int version) {

	/** The version of the default calendar, which a tenant without one of its own has. */
	public static final int DEFAULT_VERSION = 0;

	/** Whether this is the default calendar rather than one of the tenant's own. */
	public boolean isDefault() {
		return this.version == DEFAULT_VERSION;
	}

}

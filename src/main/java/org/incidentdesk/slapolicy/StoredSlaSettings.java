package org.incidentdesk.slapolicy;

import java.time.OffsetDateTime;

/**
 * One level of SLA settings as stored: the global settings or a tenant's override, with
 * its version and its last change.
 *
 * @param tenantId the tenant whose override it is, {@code null} for the global settings
 * @param values the settings; in an override {@code null} where it follows the global
 * ones
 * @param version raised by one with every change; 0 for what was never stored (a tenant
 * without an override, the global settings before the first start stored them)
 * @param updatedAt when the last change was made, {@code null} for version 0
 * @param updatedBy who made it, {@code null} for version 0
 */
public record StoredSlaSettings(String tenantId, SlaValues values, int version, OffsetDateTime updatedAt,
		String updatedBy) {

	/** The version of settings that were never stored. */
	public static final int NEVER_STORED = 0;

	static StoredSlaSettings neverStored(String tenantId, SlaValues values) {
		return new StoredSlaSettings(tenantId, values, NEVER_STORED, null, null);
	}

}

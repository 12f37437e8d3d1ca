package org.incidentdesk.slapolicy;

import java.time.OffsetDateTime;

/**
 * One audited change of the SLA settings.
 *
 * @param id the change's number; later changes have larger ones
 * @param tenantId the tenant whose override changed, {@code null} for the global settings
 * @param version the version the change made
 * @param kind what kind of change it was
 * @param changedAt when
 * @param changedBy who ({@code system} for the settings stored at the first start)
 * @param oldValue the settings before as JSON, {@code null} before the first version
 * @param newValue the settings after as JSON
 */
public record SlaSettingsChange(long id, String tenantId, int version, Kind kind, OffsetDateTime changedAt,
		String changedBy, String oldValue, String newValue) {

	/** What kind of change it was. */
	public enum Kind {

		/**
		 * The global settings stored at the first start, from
		 * {@code incident-desk.sla.*}.
		 */
		INITIAL,
		/** The global settings or a tenant's override set by an administrator. */
		CHANGED,
		/** A tenant's override removed: the tenant follows the global settings again. */
		REMOVED

	}

}

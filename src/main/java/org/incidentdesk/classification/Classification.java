package org.incidentdesk.classification;

import java.time.Instant;

import org.incidentdesk.cmdb.ConfigurationItem;

/**
 * What classification found out about an incident.
 *
 * @param ci the affected configuration item, or {@code null}
 * @param firstTeam the support team that gets the incident first when the service desk
 * escalates
 * @param vendorTeam the vendor team for level-3 escalation
 * @param businessHours whether the SLA times count only the business calendar's working
 * hours (SlaTargets' clock), not every hour
 */
public record Classification(ConfigurationItem ci, String priority, Instant responseDueAt, Instant resolutionWarningAt,
		Instant resolutionDueAt, String firstTeam, String vendorTeam, boolean businessHours) {

	/** Without a CI nobody knows the device is physical, so support starts remotely. */
	public boolean remotelyServiceable() {
		return this.ci == null || this.ci.remotelyServiceable();
	}

}

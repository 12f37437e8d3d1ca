package org.incidentdesk.classification;

import java.time.Instant;

/**
 * When an incident's SLA targets are due, and whether they count business hours only.
 */
public record SlaDates(Instant responseDueAt, Instant resolutionWarningAt, Instant resolutionDueAt,
		boolean businessHours) {

}

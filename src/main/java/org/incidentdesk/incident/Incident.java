package org.incidentdesk.incident;

import java.time.OffsetDateTime;

/**
 * The incident record. Business data lives here; the process instance (business key =
 * {@link #number()}) holds only references and routing data.
 *
 * @param slaBusinessHours whether the SLA targets count only business hours (the
 * SlaTargets clock it was classified with)
 * @param slaPausedAt when the current pause of the SLA clock began, or {@code null} when
 * the clock runs
 * @param slaPausedSeconds the time the clock was paused before the current pause, in the
 * incident's clock
 */
public record Incident(long id, String number, String tenantId, String callerId, String affectedUser, Channel channel,
		String summary, String description, String category, Long ciId, Level impact, Level urgency, String priority,
		IncidentState state, HoldReason holdReason, String assignmentGroup, String assignee, int supportLevel,
		boolean majorIncident, OffsetDateTime responseDueAt, OffsetDateTime resolutionWarningAt,
		OffsetDateTime resolutionDueAt, OffsetDateTime respondedAt, OffsetDateTime resolvedAt, OffsetDateTime closedAt,
		Boolean responseSlaBreached, Boolean resolutionSlaBreached, String resolutionCode, String resolutionNotes,
		String closureCode, Boolean firstContactResolution, Long timeToRespondSeconds, Long timeToResolveSeconds,
		Boolean slaMet, int escalationCount, int hierarchicalEscalationCount, int reopenCount, String duplicateOf,
		String processInstanceId, OffsetDateTime createdAt, OffsetDateTime updatedAt, int version,
		boolean slaBusinessHours, OffsetDateTime slaPausedAt, long slaPausedSeconds) {

}

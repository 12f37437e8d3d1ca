package org.incidentdesk.incident;

import java.time.OffsetDateTime;

/**
 * An incident as the API shows it. Callers get the customer-facing fields only. The
 * {@code sla} object (elapsed, paused and remaining time in the incident's clock) is in
 * the answers about one incident, not in lists.
 */
public record IncidentView(String number, String tenantId, String callerId, String affectedUser, Channel channel,
		String summary, String description, String category, Long ciId, Level impact, Level urgency, String priority,
		IncidentState state, HoldReason holdReason, String assignmentGroup, String assignee, Integer supportLevel,
		Boolean majorIncident, OffsetDateTime responseDueAt, OffsetDateTime resolutionDueAt, OffsetDateTime respondedAt,
		OffsetDateTime resolvedAt, OffsetDateTime closedAt, Boolean responseSlaBreached, Boolean resolutionSlaBreached,
		Boolean slaMet, String resolutionCode, String resolutionNotes, String closureCode,
		Boolean firstContactResolution, Long timeToRespondSeconds, Long timeToResolveSeconds, Integer escalationCount,
		Integer hierarchicalEscalationCount, Integer reopenCount, String duplicateOf, OffsetDateTime createdAt,
		OffsetDateTime updatedAt, SlaStatus sla) {

	public static IncidentView of(Incident i, boolean forCaller) {
		return of(i, forCaller, null);
	}

	public static IncidentView of(Incident i, boolean forCaller, SlaStatus sla) {
		if (forCaller) {
			return new IncidentView(i.number(), i.tenantId(), i.callerId(), i.affectedUser(), i.channel(), i.summary(),
					i.description(), i.category(), i.ciId(), i.impact(), i.urgency(), i.priority(), i.state(),
					i.holdReason(), null, null, null, null, i.responseDueAt(), i.resolutionDueAt(), i.respondedAt(),
					i.resolvedAt(), i.closedAt(), null, null, null, i.resolutionCode(), i.resolutionNotes(),
					i.closureCode(), null, null, null, null, null, i.reopenCount(), i.duplicateOf(), i.createdAt(),
					i.updatedAt(), sla);
		}
		return new IncidentView(i.number(), i.tenantId(), i.callerId(), i.affectedUser(), i.channel(), i.summary(),
				i.description(), i.category(), i.ciId(), i.impact(), i.urgency(), i.priority(), i.state(),
				i.holdReason(), i.assignmentGroup(), i.assignee(), i.supportLevel(), i.majorIncident(),
				i.responseDueAt(), i.resolutionDueAt(), i.respondedAt(), i.resolvedAt(), i.closedAt(),
				i.responseSlaBreached(), i.resolutionSlaBreached(), i.slaMet(), i.resolutionCode(), i.resolutionNotes(),
				i.closureCode(), i.firstContactResolution(), i.timeToRespondSeconds(), i.timeToResolveSeconds(),
				i.escalationCount(), i.hierarchicalEscalationCount(), i.reopenCount(), i.duplicateOf(), i.createdAt(),
				i.updatedAt(), sla);
	}

}

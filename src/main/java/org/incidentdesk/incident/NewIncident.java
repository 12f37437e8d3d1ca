package org.incidentdesk.incident;

/**
 * What is known when an incident is reported, already checked.
 *
 * @param ciId the affected configuration item, if known
 */
public record NewIncident(String tenantId, String callerId, String affectedUser, Channel channel, String summary,
		String description, String category, Long ciId, Level impact, Level urgency) {

}

package org.incidentdesk.incident;

/**
 * An incident record was created, through any channel. Published inside the creating
 * transaction; listeners that count must wait for its commit.
 */
public record IncidentOpened(String number, String tenantId, Channel channel) {

}

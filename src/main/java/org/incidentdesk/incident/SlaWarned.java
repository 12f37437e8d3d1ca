package org.incidentdesk.incident;

/**
 * The incident's resolution SLA reached its warning threshold and the incident manager
 * was warned.
 *
 * @param priority {@code null} if not classified yet
 */
public record SlaWarned(String number, String tenantId, String priority) {

}

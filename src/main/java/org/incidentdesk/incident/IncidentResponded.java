package org.incidentdesk.incident;

import java.time.Duration;

/**
 * Somebody picked the incident up for the first time, which stops its response clock.
 *
 * @param priority the priority at that moment, {@code null} if not classified yet
 * @param timeToRespond from the report to this first response, on the engine's clock
 */
public record IncidentResponded(String number, String tenantId, String priority, Duration timeToRespond) {

}

package org.incidentdesk.incident;

/**
 * An SLA of the incident was breached for the first time: nobody responded, or nobody
 * resolved it, by its due time.
 *
 * @param priority {@code null} if not classified yet
 */
public record SlaBreached(String number, String tenantId, String priority, Sla sla) {

	/** Which of the incident's two SLA clocks ran out. */
	public enum Sla {

		RESPONSE, RESOLUTION

	}

}

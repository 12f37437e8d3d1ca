package org.incidentdesk.incident;

/**
 * Where an incident stands against its SLA, as the staff list filters it.
 */
public enum SlaRisk {

	/**
	 * Open, not breached, and past the resolution warning: the incident manager has been
	 * warned and the due date is near.
	 */
	AT_RISK,

	/**
	 * A target missed: the response or resolution SLA recorded as breached, or an open
	 * incident whose clock runs past its resolution due date.
	 */
	BREACHED

}

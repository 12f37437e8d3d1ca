package org.incidentdesk.incident;

/** Why an incident is on hold; an incident is never on hold without one. */
public enum HoldReason {

	AWAITING_CALLER, AWAITING_VENDOR, AWAITING_CHANGE

}

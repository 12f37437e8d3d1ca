package org.incidentdesk.incident;

/** How work moves between groups. */
public enum HandoverKind {

	/** Functional escalation to the next support level (L2, L3 vendor, team N). */
	ESCALATION,
	/** To another team at the same level. */
	TRANSFER,
	/** To the customer organisation's on-site technicians, for physical work. */
	DISPATCH,
	/** The incident manager moved the work after an SLA breach. */
	REASSIGNMENT;

	int levelAfter(int currentLevel) {
		return switch (this) {
			case ESCALATION -> currentLevel + 1;
			case TRANSFER, DISPATCH, REASSIGNMENT -> currentLevel;
		};
	}

	boolean isEscalation() {
		return this == ESCALATION || this == DISPATCH;
	}

	String describe(String from, String to) {
		return switch (this) {
			case ESCALATION -> "Escalated from " + from + " to " + to + ".";
			case TRANSFER -> "Transferred from " + from + " to " + to + ".";
			case DISPATCH -> "Dispatched to the on-site technicians " + to + ".";
			case REASSIGNMENT -> "Reassigned by the incident manager from " + from + " to " + to + ".";
		};
	}

}

package org.incidentdesk.incident;

import java.util.EnumSet;
import java.util.Set;

/** The life of an incident record, with the only transitions allowed between states. */
public enum IncidentState {

	NEW, IN_PROGRESS, ON_HOLD, RESOLVED, CLOSED, CANCELLED;

	static {
		NEW.next = EnumSet.of(IN_PROGRESS, ON_HOLD, RESOLVED, CANCELLED);
		IN_PROGRESS.next = EnumSet.of(ON_HOLD, RESOLVED, CANCELLED);
		ON_HOLD.next = EnumSet.of(IN_PROGRESS, RESOLVED, CANCELLED);
		RESOLVED.next = EnumSet.of(IN_PROGRESS, CLOSED);
		CLOSED.next = EnumSet.noneOf(IncidentState.class);
		CANCELLED.next = EnumSet.noneOf(IncidentState.class);
	}

	private Set<IncidentState> next;

	public boolean canMoveTo(IncidentState target) {
		return this.next.contains(target);
	}

	/** Open incidents are still being worked on or waiting for someone. */
	public boolean isOpen() {
		return this != RESOLVED && this != CLOSED && this != CANCELLED;
	}

}

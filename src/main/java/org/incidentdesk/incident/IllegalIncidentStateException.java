package org.incidentdesk.incident;

import org.incidentdesk.system.DomainException;

/** The requested change does not fit the incident's current state. */
public class IllegalIncidentStateException extends DomainException {

	public IllegalIncidentStateException(String detail) {
		super(Kind.CONFLICT, null, detail);
	}

}

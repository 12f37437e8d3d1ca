package org.incidentdesk.incident;

import org.incidentdesk.system.DomainException;

/** There is no incident with that number, or none the current user may see. */
public class IncidentNotFoundException extends DomainException {

	public IncidentNotFoundException(String number) {
		super(Kind.NOT_FOUND, null, "There is no incident " + number + " that you can see. Check the incident number.");
	}

}

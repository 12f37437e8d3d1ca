package org.incidentdesk.incident;

import org.incidentdesk.system.DomainException;

/**
 * The user may see the incident but not do this to it (resolve it while another group
 * works on it, answer or withdraw somebody else's incident).
 */
public class ActionNotAllowedException extends DomainException {

	public ActionNotAllowedException(String detail) {
		super(Kind.NOT_ALLOWED, null, detail);
	}

}

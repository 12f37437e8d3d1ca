package org.incidentdesk.cmdb;

import org.incidentdesk.system.DomainException;

/**
 * There is no configuration item with that id that the user may see. Whether it does not
 * exist or belongs to another tenant is deliberately not told apart. Leaves the API as a
 * 404 problem detail.
 */
public class UnknownConfigurationItemException extends DomainException {

	public UnknownConfigurationItemException(long id) {
		super(Kind.NOT_FOUND, "Unknown configuration item",
				"There is no configuration item " + id + " that you can see. Check the id.");
	}

}

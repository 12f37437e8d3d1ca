package org.incidentdesk.cmdb;

import org.incidentdesk.system.DomainException;

/**
 * The tenant already has a configuration item of that name (names are compared ignoring
 * case, as incidents look items up by name). Leaves the API as a 409 problem detail.
 */
public class DuplicateConfigurationItemException extends DomainException {

	public DuplicateConfigurationItemException(String tenantId, String name, long existingId) {
		super(Kind.CONFLICT, "Configuration item name taken",
				"Tenant " + tenantId + " already has a configuration item named '" + name + "' (id " + existingId
						+ "). Choose another name, or change the existing item.");
		property("existingId", existingId);
	}

}

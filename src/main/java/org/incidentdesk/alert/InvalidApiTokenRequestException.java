package org.incidentdesk.alert;

import java.util.List;
import org.incidentdesk.system.DomainException;

/**
 * A token was asked for a tenant or user that does not exist, or for a user outside the
 * tenant.
 */
class InvalidApiTokenRequestException extends DomainException {

	InvalidApiTokenRequestException(List<String> errors) {
		super(Kind.INVALID, "The API token cannot be created", String.join(" ", errors));
		property("errors", List.copyOf(errors));
	}

}

package org.incidentdesk.cmdb;

import java.util.List;
import org.incidentdesk.system.DomainException;

/**
 * A configuration item that cannot be saved as asked, for example with a parent of
 * another tenant or one that would make a cycle. Leaves the API as a 400 problem detail
 * listing every error.
 */
public class InvalidConfigurationItemException extends DomainException {

	private final List<String> errors;

	public InvalidConfigurationItemException(String error) {
		this(List.of(error));
	}

	public InvalidConfigurationItemException(List<String> errors) {
		super(Kind.INVALID, "Invalid configuration item", "Please correct: " + String.join("; ", errors));
		this.errors = List.copyOf(errors);
		property("errors", this.errors);
	}

	public List<String> errors() {
		return this.errors;
	}

}

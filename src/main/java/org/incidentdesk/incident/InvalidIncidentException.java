package org.incidentdesk.incident;

import java.util.List;
import org.incidentdesk.system.DomainException;

/**
 * A report or a change that refers to things that do not exist or do not fit together.
 */
public class InvalidIncidentException extends DomainException {

	private final List<String> errors;

	public InvalidIncidentException(List<String> errors) {
		super(Kind.INVALID, "The incident cannot be accepted", String.join(" ", errors));
		this.errors = List.copyOf(errors);
		property("errors", this.errors);
	}

	public List<String> errors() {
		return this.errors;
	}

}

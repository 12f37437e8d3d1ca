package org.incidentdesk.cmdb;

import java.util.List;
import org.incidentdesk.system.DomainException;

/**
 * A bulk import with at least one bad line; nothing of it was written. Leaves the API as
 * a 400 problem detail whose {@code errors} list every bad line as "line N: message".
 */
public class RejectedImportException extends DomainException {

	private final List<String> errors;

	public RejectedImportException(List<String> errors) {
		super(Kind.INVALID, "Import rejected",
				"Nothing was imported. Correct the lines listed in errors and send the whole file again.");
		this.errors = List.copyOf(errors);
		property("errors", this.errors);
	}

	public List<String> errors() {
		return this.errors;
	}

}

package org.incidentdesk.cmdb;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A bulk import with at least one bad line; nothing of it was written. Leaves the API as
 * a 400 problem detail whose {@code errors} list every bad line as "line N: message".
 */
public class RejectedImportException extends ErrorResponseException {

	private final List<String> errors;

	public RejectedImportException(List<String> errors) {
		super(HttpStatus.BAD_REQUEST, problem(errors), null);
		this.errors = List.copyOf(errors);
	}

	public List<String> errors() {
		return this.errors;
	}

	private static ProblemDetail problem(List<String> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"Nothing was imported. " + "Correct the lines listed in errors and send the whole file again.");
		problem.setTitle("Import rejected");
		problem.setProperty("errors", errors);
		return problem;
	}

}

package org.incidentdesk.incident;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A report or a change that refers to things that do not exist or do not fit together.
 */
public class InvalidIncidentException extends ErrorResponseException {

	private final List<String> errors;

	public InvalidIncidentException(List<String> errors) {
		super(HttpStatus.BAD_REQUEST, problem(errors), null);
		this.errors = List.copyOf(errors);
	}

	public List<String> errors() {
		return this.errors;
	}

	private static ProblemDetail problem(List<String> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, String.join(" ", errors));
		problem.setTitle("The incident cannot be accepted");
		problem.setProperty("errors", errors);
		return problem;
	}

}

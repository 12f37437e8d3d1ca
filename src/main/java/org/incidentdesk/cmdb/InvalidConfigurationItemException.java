package org.incidentdesk.cmdb;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A configuration item that cannot be saved as asked, for example with a parent of
 * another tenant or one that would make a cycle. Leaves the API as a 400 problem detail
 * listing every error.
 */
public class InvalidConfigurationItemException extends ErrorResponseException {

	private final List<String> errors;

	public InvalidConfigurationItemException(String error) {
		this(List.of(error));
	}

	public InvalidConfigurationItemException(List<String> errors) {
		super(HttpStatus.BAD_REQUEST, problem(errors), null);
		this.errors = List.copyOf(errors);
	}

	public List<String> errors() {
		return this.errors;
	}

	private static ProblemDetail problem(List<String> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"Please correct: " + String.join("; ", errors));
		problem.setTitle("Invalid configuration item");
		problem.setProperty("errors", errors);
		return problem;
	}

}

package org.incidentdesk.alert;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A token was asked for a tenant or user that does not exist, or for a user outside the
 * tenant.
 */
class InvalidApiTokenRequestException extends ErrorResponseException {

	InvalidApiTokenRequestException(List<String> errors) {
		super(HttpStatus.BAD_REQUEST, problem(errors), null);
	}

	private static ProblemDetail problem(List<String> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, String.join(" ", errors));
		problem.setTitle("The API token cannot be created");
		problem.setProperty("errors", errors);
		return problem;
	}

}

package org.incidentdesk.cmdb;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * There is no configuration item with that id that the user may see. Whether it does not
 * exist or belongs to another tenant is deliberately not told apart. Leaves the API as a
 * 404 problem detail.
 */
public class UnknownConfigurationItemException extends ErrorResponseException {

	public UnknownConfigurationItemException(long id) {
		super(HttpStatus.NOT_FOUND, problem(id), null);
	}

	private static ProblemDetail problem(long id) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"There is no configuration item " + id + " that you can see. Check the id.");
		problem.setTitle("Unknown configuration item");
		return problem;
	}

}

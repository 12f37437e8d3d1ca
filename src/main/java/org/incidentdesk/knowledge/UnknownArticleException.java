package org.incidentdesk.knowledge;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * There is no article with that number that the user may see. Whether it does not exist
 * or belongs to someone else is deliberately not told apart. Leaves the API as a 404
 * problem detail.
 */
public class UnknownArticleException extends ErrorResponseException {

	public UnknownArticleException(String number) {
		super(HttpStatus.NOT_FOUND, problem(number), null);
	}

	private static ProblemDetail problem(String number) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"There is no knowledge article " + number + " that you can see. Check the number.");
		problem.setTitle("Unknown knowledge article");
		return problem;
	}

}

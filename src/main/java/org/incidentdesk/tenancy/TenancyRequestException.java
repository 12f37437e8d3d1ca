package org.incidentdesk.tenancy;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A tenancy request an administrator can correct; the message says how. */
class TenancyRequestException extends ErrorResponseException {

	TenancyRequestException(HttpStatus status, String title, String detail) {
		super(status, problem(status, title, detail), null);
	}

	static TenancyRequestException invalid(String detail) {
		return new TenancyRequestException(HttpStatus.BAD_REQUEST, "Invalid request", detail);
	}

	static TenancyRequestException notFound(String detail) {
		return new TenancyRequestException(HttpStatus.NOT_FOUND, "Not found", detail);
	}

	static TenancyRequestException conflict(String detail) {
		return new TenancyRequestException(HttpStatus.CONFLICT, "Already exists", detail);
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

}

package org.incidentdesk.incident;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The requested change does not fit the incident's current state. */
public class IllegalIncidentStateException extends ErrorResponseException {

	public IllegalIncidentStateException(String detail) {
		super(HttpStatus.CONFLICT, ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail), null);
	}

}

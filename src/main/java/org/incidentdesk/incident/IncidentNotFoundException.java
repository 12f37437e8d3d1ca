package org.incidentdesk.incident;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** There is no incident with that number, or none the current user may see. */
public class IncidentNotFoundException extends ErrorResponseException {

	public IncidentNotFoundException(String number) {
		super(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"There is no incident " + number + " that you can see. Check the incident number."), null);
	}

}

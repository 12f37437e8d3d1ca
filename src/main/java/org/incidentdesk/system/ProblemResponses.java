package org.incidentdesk.system;

import java.io.IOException;
import java.net.URI;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * The one way a servlet filter, entry point or access-denied handler answers with an RFC
 * 9457 problem detail (controllers have {@code ApiExceptionHandler}): the status, the
 * problem's title and detail for the request's path, as {@code application/problem+json}.
 * Headers of the answer's own (a challenge, {@code Retry-After}) are set before.
 */
public final class ProblemResponses {

	private ProblemResponses() {
	}

	public static void send(HttpServletRequest request, HttpServletResponse response, ObjectMapper json,
			HttpStatus status, String title, String detail) throws IOException {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		problem.setInstance(URI.create(request.getRequestURI()));
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		json.writeValue(response.getOutputStream(), problem);
	}

}

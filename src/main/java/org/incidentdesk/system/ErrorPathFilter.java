package org.incidentdesk.system;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code /error} is where the servlet container forwards a failed request for Spring
 * Boot's error answer. Asked for directly there is no error to tell about, and Spring
 * Boot answered 500 with status "999"; it is not a page, so this answers 404. Only direct
 * requests come here: the container's forwards pass by filters registered for requests.
 */
class ErrorPathFilter extends OncePerRequestFilter {

	static final String PATH = "/error";

	private final ObjectMapper json;

	ErrorPathFilter(ObjectMapper json) {
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		ProblemResponses.send(request, response, this.json, HttpStatus.NOT_FOUND, "Not found",
				"There is nothing at " + PATH + ": it is where failed requests get their answer, not a page.");
	}

}

package org.incidentdesk.system;

import java.io.IOException;
import java.net.URI;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers a request the security chain refuses with 403 and a problem detail saying which
 * rule refused it, instead of a bare "Forbidden".
 */
class ProblemAccessDeniedHandler implements AccessDeniedHandler {

	private final ObjectMapper json;

	ProblemAccessDeniedHandler(ObjectMapper json) {
		this.json = json;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
			throws IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String detail;
		if (SecurityConfig.crossSiteChange(request)) {
			detail = "A page of another site may not change anything here. Use the API from your own client.";
		}
		else if (path.startsWith("/actuator")) {
			detail = "Only members of '" + CurrentUser.ADMINISTRATORS + "' or '" + CurrentUser.MONITORING
					+ "' read the metrics.";
		}
		else if (path.startsWith("/api/v1/admin")) {
			detail = "Only members of '" + CurrentUser.ADMINISTRATORS + "' use the administration API.";
		}
		else if (SecurityConfig.changesSomething(request)) {
			detail = "Auditors read everything and change nothing: a " + request.getMethod()
					+ " is refused for members of '" + CurrentUser.AUDITORS + "'.";
		}
		else {
			detail = "You may not read this.";
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, detail);
		problem.setTitle("Not allowed");
		problem.setInstance(URI.create(request.getRequestURI()));
		response.setStatus(HttpStatus.FORBIDDEN.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), problem);
	}

}

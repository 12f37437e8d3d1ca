package org.incidentdesk.system;

import java.io.IOException;
import java.net.URI;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers a request without a valid HTTP Basic sign-in with 401, a problem detail saying
 * what to send, and the {@code WWW-Authenticate} challenge that tells clients (and
 * browsers) to sign in with HTTP Basic. Spring Security's own entry point sends only the
 * status, which the error page then turns into JSON that is no problem detail.
 */
class ProblemBasicAuthenticationEntryPoint implements AuthenticationEntryPoint {

	static final String CHALLENGE = "Basic realm=\"incident-desk\"";

	private final ObjectMapper json;

	ProblemBasicAuthenticationEntryPoint(ObjectMapper json) {
		this.json = json;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException {
		// A wrong password says so (the provider's message names no more than that);
		// Spring Security's message for a request without credentials helps nobody.
		String detail = (exception instanceof BadCredentialsException) ? exception.getMessage()
				: "Sign in with HTTP Basic: send 'Authorization: Basic ...' with your Incident Desk user id and password.";
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail);
		problem.setTitle("Not authenticated");
		problem.setInstance(URI.create(request.getRequestURI()));
		response.setStatus(HttpStatus.UNAUTHORIZED.value());
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), problem);
	}

}

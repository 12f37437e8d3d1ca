package org.incidentdesk.alert;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.incidentdesk.system.ProblemResponses;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers a missing or refused API token with 401 and a problem detail saying what to
 * send.
 */
class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

	static final String MISSING_TOKEN = "Send an Incident Desk API token as 'Authorization: Bearer " + ApiTokens.PREFIX
			+ "...'. Administrators create tokens at /api/v1/admin/api-tokens.";

	private final ObjectMapper json;

	ProblemAuthenticationEntryPoint(ObjectMapper json) {
		this.json = json;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException {
		// Spring Security's own message for an anonymous request says nothing useful to
		// the client.
		String detail = (exception instanceof BadCredentialsException) ? exception.getMessage() : MISSING_TOKEN;
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"incident-desk\"");
		ProblemResponses.send(request, response, this.json, HttpStatus.UNAUTHORIZED, "Not authenticated", detail);
	}

}

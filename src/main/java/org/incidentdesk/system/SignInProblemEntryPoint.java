package org.incidentdesk.system;

import java.io.IOException;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers a request without a valid HTTP Basic sign-in with 401 and a problem detail. A
 * refused sign-in says the same for an unknown user, a wrong password and a locked
 * account, so the answer tells nobody which accounts exist or are locked; it names the
 * lock policy, so a person who typed the right password during a lock knows to wait.
 */
class SignInProblemEntryPoint implements AuthenticationEntryPoint {

	static final String SIGN_IN = "Sign in with your Incident Desk user id and password (HTTP Basic; in Swagger UI: "
			+ "Authorize).";

	private final ObjectMapper json;

	private final String refused;

	SignInProblemEntryPoint(ObjectMapper json, Duration longestLock) {
		this.json = json;
		this.refused = "Unknown user or wrong password, or the account is locked: after a wrong password an account "
				+ "refuses every sign-in for a few seconds, longer after each further one, at most "
				+ describe(longestLock) + ". Try again later, or ask an administrator to lift the lock.";
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException {
		boolean refusedSignIn = exception instanceof BadCredentialsException;
		// Browsers show their sign-in dialog on this header: right for an address typed
		// in, wrong for a page's script (Swagger UI's "Try it out" before Authorize),
		// which reads the problem detail instead. Browsers mark a script's request so.
		if (!"empty".equals(request.getHeader("Sec-Fetch-Dest"))) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Incident Desk\"");
		}
		ProblemResponses.send(request, response, this.json, HttpStatus.UNAUTHORIZED,
				refusedSignIn ? "Sign-in refused" : "Not signed in", refusedSignIn ? this.refused : SIGN_IN);
	}

	private static String describe(Duration duration) {
		if (duration.toSecondsPart() == 0 && duration.toMinutes() > 0) {
			long minutes = duration.toMinutes();
			return minutes + ((minutes == 1) ? " minute" : " minutes");
		}
		return duration.toSeconds() + " seconds";
	}

}

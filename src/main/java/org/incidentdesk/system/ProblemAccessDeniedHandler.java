package org.incidentdesk.system;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers a request the security chain refuses with 403 and a problem detail saying which
 * rule refused it, instead of a bare "Forbidden".
 */
class ProblemAccessDeniedHandler implements AccessDeniedHandler {

	private final ObjectMapper json;

	private final CrossSiteChanges crossSite;

	ProblemAccessDeniedHandler(ObjectMapper json, CrossSiteChanges crossSite) {
		this.json = json;
		this.crossSite = crossSite;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
			throws IOException {
		String crossSiteRefusal = this.crossSite.refusal(request);
		String detail = (crossSiteRefusal != null) ? crossSiteRefusal : ruleThatRefused(request);
		ProblemResponses.send(request, response, this.json, HttpStatus.FORBIDDEN, "Not allowed", detail);
	}

	private static String ruleThatRefused(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (path.startsWith("/actuator")) {
			return "Only members of '" + CurrentUser.ADMINISTRATORS + "' or '" + CurrentUser.MONITORING
					+ "' read the metrics.";
		}
		if (path.startsWith("/api/v1/admin")) {
			return "Only members of '" + CurrentUser.ADMINISTRATORS + "' use the administration API.";
		}
		if (SecurityConfig.changesSomething(request)) {
			return "Auditors read everything and change nothing, and service delivery managers and incident managers "
					+ "oversee without changing anything here (incident managers act on a breached incident through "
					+ "its review task in Tasklist): a " + request.getMethod() + " is refused for members of '"
					+ CurrentUser.AUDITORS + "', and for users whose only groups are '"
					+ CurrentUser.SERVICE_DELIVERY_MANAGERS + "', '" + CurrentUser.INCIDENT_MANAGERS + "' or '"
					+ CurrentUser.MONITORING + "'.";
		}
		return "You may not read this.";
	}

}

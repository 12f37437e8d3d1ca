package org.incidentdesk.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.incidentdesk.system.ProblemResponses;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps the history of incidents out of reach of Camunda's REST API
 * ({@code /engine-rest}) and of the webapps' copy of it ({@code /camunda/api/engine},
 * which Cockpit uses): it refuses, with 403 and a problem detail, every request that
 * would delete or change process history, or end an incident's process outside the
 * process, whoever asks, administrators included. History cleanup, which removes only the
 * history of ended processes after their time to live, is the one way history goes.
 * <p>
 * Refused:
 * <ul>
 * <li>{@code DELETE} anything under {@code /history}, and {@code POST .../delete},
 * {@code .../set-removal-time} and the annotation changes of the user operation log under
 * it;</li>
 * <li>deleting process instances ({@code DELETE /process-instance/{id}},
 * {@code POST /process-instance/delete}, {@code .../delete-historic-query-based}): the
 * caller withdraws an incident, or the service desk marks it a duplicate;</li>
 * <li>process instance modifications, which can end the process (by cancelling
 * activities, or by starting before an end event) without closing the record;</li>
 * <li>deleting deployments or process definitions with {@code cascade=true}, which
 * deletes their instances' history.</li>
 * </ul>
 * Reading history, running history cleanup and changing a definition's time to live stay
 * open to those Camunda authorizes.
 */
class HistoryDeletionGuard extends OncePerRequestFilter {

	/** Cockpit's path of the engine REST API: /camunda/api/engine/engine/{name}/... */
	private static final Pattern WEBAPP_ENGINE = Pattern.compile("^/camunda/api/engine/engine/[^/]+(/.*)?$");

	private static final Pattern ENGINE_REST = Pattern.compile("^/engine-rest(?:/engine/[^/]+)?(/.*)?$");

	private static final Pattern PROCESS_INSTANCE = Pattern.compile("^/process-instance/[^/]+$");

	private static final Pattern MODIFICATION = Pattern
		.compile("^(/process-instance/[^/]+/modification(-async)?|/modification/execute(Async)?)$");

	private static final Pattern DEFINITION_OR_DEPLOYMENT = Pattern
		.compile("^/(deployment/[^/]+|process-definition/.+)$");

	static final String HISTORY = "The history of incidents is their audit trail: it cannot be deleted or changed "
			+ "through the API, not even by administrators. History cleanup removes the history of closed incidents "
			+ "once their history time to live has passed (see the README, 'Audit and retention').";

	static final String PROCESS_END = "An incident's process ends only through the process, so that its record and its "
			+ "history stay complete: the caller withdraws the incident (POST /api/v1/incidents/{number}/withdrawal) "
			+ "or the service desk marks it a duplicate in triage. Deleting process instances is refused, also for "
			+ "administrators.";

	static final String MODIFICATION_REFUSED = "A process instance modification can end an incident's process outside "
			+ "the process (cancelling its activities, or starting before an end event), so it is refused, also for "
			+ "administrators. Use the incident's own paths: reassign, hold, resolve, withdraw, duplicate.";

	static final String CASCADE = "Deleting with cascade=true deletes the process history of the incidents of that "
			+ "deployment or definition, so it is refused, also for administrators. Delete without cascade.";

	private final ObjectMapper json;

	HistoryDeletionGuard(ObjectMapper json) {
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = restPath(request);
		if (path == null) {
			chain.doFilter(request, response);
			return;
		}
		String method = request.getMethod().toUpperCase(Locale.ROOT);
		String refusal = refusal(method, path, request);
		if (refusal != null) {
			refuse(request, response, refusal);
			return;
		}
		chain.doFilter(request, response);
	}

	private static String refusal(String method, String path, HttpServletRequest request) {
		if (path.equals("/history") || path.startsWith("/history/")) {
			boolean refused = switch (method) {
				case "DELETE" -> true;
				case "POST" -> path.endsWith("/delete") || path.endsWith("/set-removal-time");
				case "PUT" -> path.endsWith("/set-annotation") || path.endsWith("/clear-annotation");
				default -> false;
			};
			return refused ? HISTORY : null;
		}
		if (("DELETE".equals(method) && PROCESS_INSTANCE.matcher(path).matches())
				|| ("POST".equals(method) && (path.equals("/process-instance/delete")
						|| path.equals("/process-instance/delete-historic-query-based")))) {
			return PROCESS_END;
		}
		if ("POST".equals(method) && MODIFICATION.matcher(path).matches()) {
			return MODIFICATION_REFUSED;
		}
		if ("DELETE".equals(method) && DEFINITION_OR_DEPLOYMENT.matcher(path).matches()
				&& "true".equalsIgnoreCase(request.getParameter("cascade"))) {
			return CASCADE;
		}
		return null;
	}

	/**
	 * The path below the engine, e.g. {@code /history/process-instance/42}, or null for
	 * anything that is not the engine's REST API. Built from the servlet path and path
	 * info, which the container has already decoded and normalised, with repeated slashes
	 * and a trailing slash dropped, so spelling a path differently does not get around
	 * the rules.
	 */
	static String restPath(HttpServletRequest request) {
		String full = request.getServletPath() + ((request.getPathInfo() != null) ? request.getPathInfo() : "");
		full = full.replaceAll("/{2,}", "/");
		if (full.length() > 1 && full.endsWith("/")) {
			full = full.substring(0, full.length() - 1);
		}
		for (Pattern prefix : new Pattern[] { ENGINE_REST, WEBAPP_ENGINE }) {
			Matcher matcher = prefix.matcher(full);
			if (matcher.matches()) {
				return (matcher.group(1) != null) ? matcher.group(1) : "/";
			}
		}
		return null;
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		ProblemResponses.send(request, response, this.json, HttpStatus.FORBIDDEN, "The audit trail cannot be changed",
				detail);
	}

}

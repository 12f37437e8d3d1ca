package org.incidentdesk.audit;

import java.io.ByteArrayInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
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
 * <li>process instance modifications that cancel activities, which can end the
 * process;</li>
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

	/** Modification bodies are small; a bigger one is refused rather than buffered. */
	private static final int MAX_BODY = 1024 * 1024;

	static final String HISTORY = "The history of incidents is their audit trail: it cannot be deleted or changed "
			+ "through the API, not even by administrators. History cleanup removes the history of closed incidents "
			+ "once their history time to live has passed (see the README, 'Audit and retention').";

	static final String PROCESS_END = "An incident's process ends only through the process, so that its record and its "
			+ "history stay complete: the caller withdraws the incident (POST /api/v1/incidents/{number}/withdrawal) "
			+ "or the service desk marks it a duplicate in triage. Deleting process instances is refused, also for "
			+ "administrators.";

	static final String CANCELLING_MODIFICATION = "A process instance modification that cancels activities can end an "
			+ "incident's process outside the process, so it is refused, also for administrators. Start activities "
			+ "without cancelling, or use the incident's own paths (withdrawal, duplicate).";

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
		if ("POST".equals(method) && MODIFICATION.matcher(path).matches()) {
			BufferedRequest buffered = BufferedRequest.of(request, MAX_BODY);
			if (buffered == null || cancels(buffered.body())) {
				refuse(request, response, CANCELLING_MODIFICATION);
				return;
			}
			chain.doFilter(buffered, response);
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

	private boolean cancels(byte[] body) {
		try {
			JsonNode instructions = this.json.readTree(body).path("instructions");
			for (JsonNode instruction : instructions) {
				if ("cancel".equalsIgnoreCase(instruction.path("type").asText())) {
					return true;
				}
			}
			return false;
		}
		catch (IOException ex) {
			// Not JSON: Camunda refuses it anyway.
			return false;
		}
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, detail);
		problem.setTitle("The audit trail cannot be changed");
		problem.setInstance(URI.create(request.getRequestURI()));
		response.setStatus(HttpStatus.FORBIDDEN.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		this.json.writeValue(response.getOutputStream(), problem);
	}

	/** A request whose body was read once here and is replayed to Camunda. */
	private static final class BufferedRequest extends HttpServletRequestWrapper {

		private final byte[] body;

		private BufferedRequest(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		/** Null if the body is larger than {@code max} bytes. */
		static BufferedRequest of(HttpServletRequest request, int max) throws IOException {
			byte[] body = request.getInputStream().readNBytes(max + 1);
			return (body.length > max) ? null : new BufferedRequest(request, body);
		}

		byte[] body() {
			return this.body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] b, int off, int len) {
					return in.read(b, off, len);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("The body is already read");
				}

			};
		}

		@Override
		public BufferedReader getReader() {
			return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
		}

	}

}

package org.incidentdesk.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.rest.util.EngineUtil;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * The webapps name the process engine in their addresses
 * ({@code /camunda/app/tasklist/default/}, {@code /camunda/api/admin/auth/user/default}).
 * Camunda answers an engine that does not exist with a 500 there: a NullPointerException
 * for a page, an uncaught "Not Found" for the sign-in resource. This answers 404 first,
 * naming the engine there is, for the addresses that carry an engine's name:
 * <ul>
 * <li>a webapp's page, {@code /camunda/app/{app}/{engine}/} (and its {@code setup/}), as
 * Camunda's {@code ProcessEnginesFilter} reads them; deeper paths are the apps' static
 * files and pass;</li>
 * <li>{@code /camunda/api/admin/auth/user/{engine}/...} and
 * {@code /camunda/api/admin/setup/{engine}/...};</li>
 * <li>{@code /camunda/api/engine/engine/{engine}/...};</li>
 * <li>{@code /camunda/api/{app}/plugin/{plugin}/{engine}/...}, but not the plugins'
 * {@code static} files.</li>
 * </ul>
 */
class UnknownEngineFilter extends OncePerRequestFilter {

	static final String[] PATTERNS = { "/camunda/app/*", "/camunda/api/*" };

	/** Camunda's own pattern for a webapp's page (ProcessEnginesFilter, 7.24). */
	private static final Pattern APP_PAGE = Pattern
		.compile("/camunda/app/(?:([\\w-]+?)/(?:(index\\.html|[\\w-]+)?/?([^?]*)?)?)?");

	private static final List<Pattern> API = List.of(Pattern.compile("/camunda/api/admin/auth/user/([^/]+)(?:/.*)?"),
			Pattern.compile("/camunda/api/admin/setup/([^/]+)(?:/.*)?"),
			Pattern.compile("/camunda/api/engine/engine/([^/]+)(?:/.*)?"), Pattern.compile(
					"/camunda/api/(?:cockpit|tasklist|admin|welcome)/plugin/[^/]+/(?!static(?:/|$))([^/]+)(?:/.*)?"));

	private final String engineName;

	private final ObjectMapper json;

	/**
	 * @param engineName this application's engine, named in the answer
	 * @param json for the API's answer
	 */
	UnknownEngineFilter(String engineName, ObjectMapper json) {
		this.engineName = engineName;
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		Optional<String> unknown = pageEngine(path).or(() -> apiEngine(path)).filter((name) -> !exists(name));
		if (unknown.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		String message = "There is no process engine '" + unknown.get() + "'. This installation has one, '"
				+ this.engineName + "': use /camunda/app/tasklist/" + this.engineName + "/ (or cockpit, admin).";
		response.setStatus(HttpServletResponse.SC_NOT_FOUND);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		if (path.startsWith("/camunda/api/")) {
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			this.json.writeValue(response.getOutputStream(), Map.of("type", "NotFound", "message", message));
		}
		else {
			response.setContentType(MediaType.TEXT_HTML_VALUE);
			response.getWriter()
				.write("<!DOCTYPE html><html lang=\"en\"><title>Not found</title><p>" + HtmlUtils.htmlEscape(message)
						+ "</p></html>");
		}
	}

	/**
	 * Whether the webapps find an engine of this name, the way they look one up
	 * (Camunda's engine provider): this application's, or another one in the same JVM.
	 */
	private boolean exists(String name) {
		return name.equals(this.engineName) || EngineUtil.lookupProcessEngine(name) != null;
	}

	private static Optional<String> pageEngine(String path) {
		Matcher page = APP_PAGE.matcher(path);
		if (!page.matches() || page.group(2) == null || page.group(2).equals("index.html")) {
			return Optional.empty();
		}
		String rest = page.group(3);
		return (rest == null || rest.isEmpty() || rest.equals("setup/")) ? Optional.of(page.group(2))
				: Optional.empty();
	}

	private static Optional<String> apiEngine(String path) {
		for (Pattern pattern : API) {
			Matcher api = pattern.matcher(path);
			if (api.matches()) {
				return Optional.of(api.group(1));
			}
		}
		return Optional.empty();
	}

}

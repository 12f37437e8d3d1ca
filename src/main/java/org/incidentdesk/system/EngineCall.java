package org.incidentdesk.system;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A request to Camunda's REST API as {@link EngineErrorFilter} needs to know it: the kind
 * of resource and the id in its path, and its paging parameters. The same resources are
 * under {@code /engine-rest}, {@code /engine-rest/engine/{name}} and the webapps'
 * {@code /camunda/api/engine/engine/{name}}.
 *
 * @param method the HTTP method
 * @param kind the resource, such as {@code task} or {@code process-instance}; null for
 * the webapps' own APIs (Cockpit, Tasklist and Admin plugins)
 * @param id the path segment after the resource, mostly an id; null if there is none
 * @param idName what the id is: {@code id}, or {@code key} for a definition's key
 * ({@code /process-definition/key/{key}})
 * @param rest what follows the id in the path, such as {@code variables/x}; empty if
 * nothing
 * @param paging the {@code firstResult} and {@code maxResults} parameters as sent
 */
record EngineCall(String method, String kind, String id, String idName, String rest, Map<String, String> paging) {

	private static final List<String> PAGING = List.of("firstResult", "maxResults");

	/**
	 * @param query the query string as sent; the parameters are read from it, not from
	 * the request, which would read a form body too
	 */
	static EngineCall of(String method, String path, String query) {
		List<String> segments = Arrays.stream(path.split("/")).filter(segment -> !segment.isEmpty()).toList();
		int start = start(segments);
		String kind = (start >= 0 && segments.size() > start) ? segments.get(start) : null;
		int at = start + 1;
		String idName = "id";
		if (kind != null && kind.endsWith("-definition") && segments.size() > at + 1
				&& segments.get(at).equals("key")) {
			at++;
			idName = "key";
		}
		String id = (kind != null && segments.size() > at) ? segments.get(at) : null;
		String rest = (id != null) ? String.join("/", segments.subList(at + 1, segments.size())) : "";
		var paging = new LinkedHashMap<String, String>();
		for (String parameter : (query != null) ? query.split("&") : new String[0]) {
			int equals = parameter.indexOf('=');
			String name = (equals >= 0) ? parameter.substring(0, equals) : parameter;
			if (PAGING.contains(name) && !paging.containsKey(name)) {
				paging.put(name, decode((equals >= 0) ? parameter.substring(equals + 1) : ""));
			}
		}
		return new EngineCall(method, kind, id, idName, rest, Map.copyOf(paging));
	}

	private static String decode(String value) {
		try {
			return URLDecoder.decode(value, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return value;
		}
	}

	/**
	 * Where the resource starts: after /engine-rest, its named-engine path, or the
	 * webapps'.
	 */
	private static int start(List<String> segments) {
		if (segments.isEmpty()) {
			return -1;
		}
		if (segments.get(0).equals("engine-rest")) {
			return (segments.size() > 2 && segments.get(1).equals("engine")) ? 3 : 1;
		}
		if (segments.size() > 4 && segments.subList(0, 4).equals(List.of("camunda", "api", "engine", "engine"))) {
			return 5;
		}
		// Admin's first-start page creates the first user:
		// /camunda/api/admin/setup/{name}/user/create
		if (segments.size() > 4 && segments.subList(0, 4).equals(List.of("camunda", "api", "admin", "setup"))) {
			return 5;
		}
		return -1;
	}

	/**
	 * What is wrong with the paging parameters, or null. Camunda passes a negative one to
	 * the database, which fails, and one that is not a number makes a 404.
	 */
	String pagingProblem() {
		for (var parameter : this.paging.entrySet()) {
			String value = parameter.getValue();
			if (!value.matches("\\d{1,10}") || Long.parseLong(value) > Integer.MAX_VALUE) {
				return parameter.getKey() + " must be a whole number from 0 up, not '" + value + "'.";
			}
		}
		return null;
	}

	/** Whether the message names the id of the path, as a word of its own. */
	boolean named(String message) {
		return this.id != null
				&& Pattern.compile("(?<![\\w-])" + Pattern.quote(this.id) + "(?![\\w-])").matcher(message).find();
	}

	boolean deletesTask() {
		return "DELETE".equals(this.method) && "task".equals(this.kind) && this.id != null && this.rest.isEmpty();
	}

	boolean createsUser() {
		return "POST".equals(this.method) && "user".equals(this.kind) && "create".equals(this.id)
				&& this.rest.isEmpty();
	}

	boolean changesCredentials() {
		return "PUT".equals(this.method) && "user".equals(this.kind) && "credentials".equals(this.rest);
	}

	/** The resource in words: "process instance" for {@code process-instance}. */
	String kindInWords() {
		return (this.kind != null) ? this.kind.replace('-', ' ') : null;
	}

}

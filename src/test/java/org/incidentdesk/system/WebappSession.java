package org.incidentdesk.system;

import java.util.List;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/**
 * A session in one of Camunda's webapps, signed in through the webapp's own login, as a
 * browser would be: session cookie plus the CSRF token the webapps require on changes.
 *
 * @param status what the login answered
 */
public record WebappSession(TestRestTemplate http, int status, String sessionId, String xsrf) {

	public static WebappSession signIn(TestRestTemplate http, String app, String user, String password) {
		ResponseEntity<String> start = http.getForEntity("/camunda/app/" + app + "/default/", String.class);
		String xsrf = cookie(start, "XSRF-TOKEN");
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
		headers.add("X-XSRF-TOKEN", xsrf);
		headers.add(HttpHeaders.COOKIE, "JSESSIONID=" + cookie(start, "JSESSIONID") + "; XSRF-TOKEN=" + xsrf);
		var form = new LinkedMultiValueMap<String, String>();
		form.add("username", user);
		form.add("password", password);
		ResponseEntity<String> login = http.postForEntity("/camunda/api/admin/auth/user/default/login/" + app,
				new HttpEntity<>(form, headers), String.class);
		if (!login.getStatusCode().is2xxSuccessful()) {
			return new WebappSession(http, login.getStatusCode().value(), null, xsrf);
		}
		// The login starts a new session, and the webapps' CSRF token belongs to the
		// session: the first request of the new session hands out its token.
		String session = cookie(login, "JSESSIONID");
		HttpHeaders signedIn = new HttpHeaders();
		signedIn.add(HttpHeaders.COOKIE, "JSESSIONID=" + session);
		ResponseEntity<String> first = http.exchange("/camunda/api/admin/auth/user/default", HttpMethod.GET,
				new HttpEntity<>(signedIn), String.class);
		return new WebappSession(http, login.getStatusCode().value(), session, cookie(first, "XSRF-TOKEN"));
	}

	/** Sends a request with a JSON body, as the webapps do. */
	public ResponseEntity<String> send(HttpMethod method, String path, String json) {
		HttpHeaders headers = new HttpHeaders();
		headers.add(HttpHeaders.COOKIE, "JSESSIONID=" + this.sessionId + "; XSRF-TOKEN=" + this.xsrf);
		headers.add("X-XSRF-TOKEN", this.xsrf);
		headers.setContentType(MediaType.APPLICATION_JSON);
		headers.setAccept(List.of(MediaType.APPLICATION_JSON));
		return this.http.exchange(path, method, new HttpEntity<>(json, headers), String.class);
	}

	public ResponseEntity<String> get(String path) {
		return send(HttpMethod.GET, path);
	}

	public ResponseEntity<String> send(HttpMethod method, String path) {
		return send(method, path, (method == HttpMethod.GET) ? null : "{}");
	}

	private static String cookie(ResponseEntity<?> response, String name) {
		List<String> cookies = response.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE);
		return cookies.stream()
			.filter(c -> c.startsWith(name + "="))
			.map(c -> c.substring(name.length() + 1, c.indexOf(';')))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No " + name + " cookie in " + cookies));
	}

}

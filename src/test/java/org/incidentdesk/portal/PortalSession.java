package org.incidentdesk.portal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser-like HTTP session against the portal, without a browser: cookies, the CSRF
 * token from the last page's forms, form posts and file uploads.
 */
public final class PortalSession {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final HttpClient client = HttpClient.newBuilder()
		.cookieHandler(new LocalhostIsSecure())
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final String baseUrl;

	private String csrf;

	PortalSession(int port) {
		this.baseUrl = "http://localhost:" + port;
	}

	public static PortalSession signedIn(int port, String user, String password) {
		PortalSession session = new PortalSession(port);
		session.get("/login");
		HttpResponse<String> login = session.post("/login", Map.of("username", user, "password", password));
		if (login.statusCode() != 302 || login.headers().firstValue("Location").orElse("").contains("error")) {
			throw new AssertionError("Sign-in failed: " + login.statusCode() + " " + login.headers().map());
		}
		return session;
	}

	public HttpResponse<String> get(String path, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path)).GET();
		if (headers.length > 0) {
			request.headers(headers);
		}
		HttpResponse<String> response = send(request.build(), HttpResponse.BodyHandlers.ofString());
		Matcher token = CSRF.matcher(response.body());
		if (token.find()) {
			this.csrf = token.group(1);
		}
		return response;
	}

	HttpResponse<byte[]> download(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path)).GET().build(),
				HttpResponse.BodyHandlers.ofByteArray());
	}

	/**
	 * Posts a form with the CSRF token of the last page read, and with the given header
	 * names and values.
	 */
	HttpResponse<String> post(String path, Map<String, String> fields, String... headers) {
		return postWithoutToken(path, withToken(fields), headers);
	}

	HttpResponse<String> postWithoutToken(String path, Map<String, String> fields, String... headers) {
		String body = fields.entrySet()
			.stream()
			.map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
			.collect(Collectors.joining("&"));
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The origin a browser names for the portal's own pages. */
	String origin() {
		return this.baseUrl;
	}

	/** Uploads a file the way the portal's form does, the token in the address. */
	HttpResponse<String> upload(String path, String fileName, byte[] content) {
		String boundary = "----portal" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
				+ "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8));
		body.writeBytes(content);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path + "?_csrf=" + encode(this.csrf)))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private Map<String, String> withToken(Map<String, String> fields) {
		var all = new LinkedHashMap<>(fields);
		if (this.csrf != null) {
			all.put("_csrf", this.csrf);
		}
		return all;
	}

	private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
		try {
			return this.client.send(request, handler);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Cookies as a browser keeps them for {@code http://localhost}, a secure context: the
	 * {@code postgres} profile marks the session cookie {@code Secure}, which chromium
	 * sends to localhost over plain HTTP, but {@link CookieManager} only over HTTPS.
	 */
	private static final class LocalhostIsSecure extends CookieHandler {

		private final CookieManager cookies = new CookieManager();

		@Override
		public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) throws IOException {
			return this.cookies.get(secure(uri), headers);
		}

		@Override
		public void put(URI uri, Map<String, List<String>> headers) throws IOException {
			this.cookies.put(secure(uri), headers);
		}

		private static URI secure(URI uri) {
			return ("http".equals(uri.getScheme()) && "localhost".equals(uri.getHost()))
					? URI.create("https" + uri.toString().substring("http".length())) : uri;
		}

	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}

package org.incidentdesk.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Real HTTP to the nodes, as API clients send it: HTTP Basic, JSON, and a timeout on
 * every request so that a hanging node cannot hold the suite.
 */
final class ClusterHttp {

	static final String PASSWORD = "demo";

	static final ObjectMapper JSON = new ObjectMapper();

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(3))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	/** An answer: status, content type and body. */
	record Answer(int status, String contentType, String body, HttpResponse<String> raw) {

		JsonNode json() {
			try {
				return JSON.readTree(this.body);
			}
			catch (JsonProcessingException ex) {
				throw new IllegalStateException("Not JSON (" + this.status + "): " + this.body, ex);
			}
		}

		boolean isProblem() {
			return this.contentType.startsWith("application/problem+json");
		}

		Optional<String> header(String name) {
			return this.raw.headers().firstValue(name);
		}

		@Override
		public String toString() {
			return this.status + " " + this.contentType + " "
					+ ((this.body.length() > 300) ? this.body.substring(0, 300) + "…" : this.body);
		}

	}

	Answer get(ClusterNode node, String user, String path) throws IOException, InterruptedException {
		return send(node, user, "GET", path, null, Map.of());
	}

	Answer send(ClusterNode node, String user, String method, String path, Object body, Map<String, String> headers)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.url(path)))
			.timeout(Duration.ofSeconds(60))
			.header("Accept", "application/json, application/problem+json");
		if (user != null) {
			request.header("Authorization", basic(user, PASSWORD));
		}
		headers.forEach(request::header);
		if (body == null) {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		else if (body instanceof String form) {
			request.header("Content-Type", "application/x-www-form-urlencoded");
			request.method(method, HttpRequest.BodyPublishers.ofString(form));
		}
		else {
			request.header("Content-Type", "application/json");
			request.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
		}
		HttpResponse<String> response = this.client.send(request.build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
				response.body(), response);
	}

	/** A request with the cookies given, as a browser sends it. */
	Answer browser(ClusterNode node, String method, String path, String form, List<String> cookies)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.url(path)))
			.timeout(Duration.ofSeconds(60))
			.header("Accept", "text/html");
		if (!cookies.isEmpty()) {
			request.header("Cookie", String.join("; ", cookies));
		}
		if (form != null) {
			request.header("Content-Type", "application/x-www-form-urlencoded");
			request.method(method, HttpRequest.BodyPublishers.ofString(form));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		HttpResponse<String> response = this.client.send(request.build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
				response.body(), response);
	}

	static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

}

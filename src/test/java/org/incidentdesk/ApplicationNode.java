package org.incidentdesk;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One node of the application in a JVM of its own, started as production starts it
 * ({@code java -cp ... IncidentDeskApplication}) with the {@code postgres} and
 * {@code demo} profiles, on a database of the test JVM's embedded PostgreSQL. Its output
 * goes to a log file under {@code target/nodes}, whose end a failed test shows.
 */
final class ApplicationNode implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String name;

	private final Process process;

	private final int port;

	private final Path log;

	private ApplicationNode(String name, Process process, int port, Path log) {
		this.name = name;
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/**
	 * A fresh, empty database on the embedded server, so that nothing of the other tests'
	 * contexts is in it.
	 */
	static String freshDatabase(String prefix) {
		EmbeddedPostgres server = EmbeddedPostgresDatabase.server();
		String database = prefix + "_" + Long.toHexString(System.nanoTime());
		try (var connection = server.getPostgresDatabase().getConnection();
				var statement = connection.createStatement()) {
			statement.execute("create database " + database);
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException("Cannot create the database " + database, ex);
		}
		return server.getJdbcUrl("postgres", database);
	}

	/**
	 * Starts a node with the {@code postgres} and {@code demo} profiles on a database of
	 * the embedded PostgreSQL; it is ready once {@link #awaitReady} says so.
	 */
	static ApplicationNode start(String name, String jdbcUrl) {
		return start(name, "postgres,demo", jdbcUrl, "postgres", "postgres");
	}

	/** Starts a node with these profiles on the database. */
	static ApplicationNode start(String name, String profiles, String jdbcUrl, String user, String password) {
		int port = freePort();
		Path log = Path.of("target", "nodes", name + "-" + port + ".log");
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		// A small heap and the quick compiler: the nodes only have to start and answer.
		command.addAll(List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
		command.addAll(List.of("-cp", classPath(), IncidentDeskApplication.class.getName()));
		command.addAll(List.of("--server.port=" + port, "--spring.profiles.active=" + profiles,
				"--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=" + user,
				"--spring.datasource.password=" + password,
				"--incident-desk.audit.chain-key=test-only-audit-chain-key-not-a-secret-0123456789"));
		try {
			Files.createDirectories(log.getParent());
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			return new ApplicationNode(name, process, port, log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start node " + name, ex);
		}
	}

	/**
	 * Waits until the node says it is ready for requests (its readiness probe, which
	 * turns UP only after every start-up step has run), or fails with the end of its log
	 * if it stopped or did not get there in time.
	 */
	void awaitReady(Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new AssertionError(this.name + " stopped with exit code " + this.process.exitValue()
						+ " before it was ready; the end of its log:\n" + logTail());
			}
			try {
				HttpResponse<String> answer = HTTP.send(request("/actuator/health/readiness").build(),
						HttpResponse.BodyHandlers.ofString());
				if (answer.statusCode() == 200 && answer.body().contains("\"UP\"")) {
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError("Interrupted while waiting for " + this.name, ex);
			}
			sleep(Duration.ofMillis(500));
		}
		throw new AssertionError(
				this.name + " was not ready within " + timeout + "; the end of its log:\n" + logTail());
	}

	/** A GET as the given user (HTTP Basic); the answer's status and body. */
	HttpResponse<String> get(String path, String user, String password) {
		String credentials = Base64.getEncoder()
			.encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
		try {
			return HTTP.send(request(path).header("Authorization", "Basic " + credentials).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A POST of JSON as the given user (HTTP Basic). */
	HttpResponse<String> postJson(String path, String json, String user, String password) {
		String credentials = Base64.getEncoder()
			.encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
		try {
			return HTTP.send(request(path).header("Authorization", "Basic " + credentials)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(json))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The node's whole log so far. */
	String log() {
		try {
			return Files.readString(this.log, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	String logTail() {
		String all = log();
		return all.substring(Math.max(0, all.length() - 6000));
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(10));
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * The test JVM's class path, without empty entries: surefire's list ends with one,
	 * which would put the working directory, the project's, on the class path, and so its
	 * {@code processes} and {@code forms} a second time beside {@code target/classes}.
	 */
	private static String classPath() {
		return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter((entry) -> !entry.isBlank())
			.collect(Collectors.joining(File.pathSeparator));
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted", ex);
		}
	}

}

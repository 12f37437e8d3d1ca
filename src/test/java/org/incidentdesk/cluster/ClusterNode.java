package org.incidentdesk.cluster;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One application node in a JVM of its own: the test JVM's class path, the
 * {@code postgres} and {@code demo} profiles, the shared database and mail server, and a
 * log file under {@code target/cluster}. Started with {@link #start()}, ready when
 * {@code /actuator/health} says UP.
 */
final class ClusterNode {

	/** The audit trail's key, which the postgres profile requires. */
	private static final String CHAIN_KEY = "cluster-test-audit-chain-key-not-a-secret-0123456789";

	/**
	 * How long a node's job executor keeps a job it took (Camunda's default is five
	 * minutes): the time after which a node that died no longer holds its jobs.
	 */
	static final int LOCK_TIME_MILLIS = 20_000;

	private final String name;

	private final int port;

	private final Path log;

	private final List<String> settings;

	private Process process;

	ClusterNode(String name, int port, Path directory, Map<String, String> settings) {
		this.name = name;
		this.port = port;
		this.log = directory.resolve("node-" + name + ".log");
		this.settings = new ArrayList<>();
		settings.forEach((key, value) -> this.settings.add("--" + key + "=" + value));
	}

	String name() {
		return this.name;
	}

	int port() {
		return this.port;
	}

	Path log() {
		return this.log;
	}

	String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	boolean alive() {
		return this.process != null && this.process.isAlive();
	}

	/** Starts the node and waits until it is healthy. */
	void start(Duration timeout) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx384m");
		command.add("-XX:+UseSerialGC");
		command.add("-XX:TieredStopAtLevel=1");
		command.add("org.incidentdesk.IncidentDeskApplication");
		command.add("--server.port=" + this.port);
		command.addAll(this.settings);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()));
		// The class path as the environment, not an argument: it is long.
		builder.environment().put("CLASSPATH", classPath());
		builder.environment().put("INCIDENT_DESK_AUDIT_CHAIN_KEY", CHAIN_KEY);
		Files.writeString(this.log, "=== start " + Instant.now() + " ===\n", java.nio.file.StandardOpenOption.CREATE,
				java.nio.file.StandardOpenOption.APPEND);
		this.process = builder.start();
		awaitHealthy(timeout);
	}

	private void awaitHealthy(Duration timeout) throws InterruptedException {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						"Node " + this.name + " exited with " + this.process.exitValue() + "; see " + this.log);
			}
			try {
				HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(url("/actuator/health")))
					.timeout(Duration.ofSeconds(5))
					.build(), HttpResponse.BodyHandlers.ofString());
				if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException("Node " + this.name + " not healthy within " + timeout + "; see " + this.log);
	}

	/**
	 * The test JVM's class path, each entry once and without Surefire's own jars (whose
	 * manifests name the same entries again, so the models would be found twice).
	 */
	static String classPath() {
		Set<String> entries = new LinkedHashSet<>();
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			if (entry.isBlank() || Path.of(entry).getFileName().toString().startsWith("surefire")) {
				continue;
			}
			entries.add(Path.of(entry).toAbsolutePath().normalize().toString());
		}
		return String.join(File.pathSeparator, entries);
	}

	/** SIGKILL: the node has no chance to release anything. */
	void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor(30, TimeUnit.SECONDS);
	}

	/** SIGTERM, then SIGKILL if it does not end in time. */
	void stop() throws InterruptedException {
		if (this.process == null || !this.process.isAlive()) {
			return;
		}
		this.process.destroy();
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			kill();
		}
	}

}

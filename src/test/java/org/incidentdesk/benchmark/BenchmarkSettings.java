package org.incidentdesk.benchmark;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

/**
 * What one benchmark run does, from system properties, so the same simulation serves the
 * smoke run in {@code mvn verify} and the measured runs of docs/benchmarks.md.
 * <ul>
 * <li>{@code bench.db}: {@code h2} (an H2 file database in a temporary directory, as the
 * README's run command) or {@code postgres} (embedded PostgreSQL from io.zonky).</li>
 * <li>{@code bench.size}: {@code smoke} (a few requests on small data, seconds) or
 * {@code full} (32 clients, 100k articles, 1M incidents).</li>
 * <li>{@code bench.clients}, {@code bench.requests}, {@code bench.lifecycles},
 * {@code bench.articles}, {@code bench.incidents}, {@code bench.phase-limit}: override
 * one figure of the size.</li>
 * <li>{@code bench.ratios}: where the ratio table is written.</li>
 * </ul>
 * The harness only ever loads an application it started itself on 127.0.0.1. A base URL
 * given in {@code bench.base-url} (or Gatling's {@code gatling.baseUrl}) is refused
 * unless it is a loopback address, and the run then stops before any request is sent.
 *
 * @param db the database
 * @param size the name of the size, for the report
 * @param clients concurrent clients of every measured phase
 * @param requests requests of each measured single-request phase (each of product and
 * baseline), spread over the clients
 * @param lifecycles whole lifecycles of each of product and baseline
 * @param warmUp requests of each kind before the measured phases, so that neither side
 * pays for the JIT
 * @param articles knowledge articles generated for the search scenario
 * @param incidents incidents generated for the list scenario
 * @param phaseLimit how long one measured phase may run at most; a phase that reaches it
 * stops early with what it has
 * @param ratios where the ratio table goes (markdown)
 */
record BenchmarkSettings(Database db, String size, int clients, int requests, int lifecycles, int warmUp, int articles,
		int incidents, Duration phaseLimit, Path ratios) {

	enum Database {

		H2, POSTGRES

	}

	static final String BASE_URL_PROPERTY = "bench.base-url";

	static final String GATLING_BASE_URL_PROPERTY = "gatling.baseUrl";

	BenchmarkSettings {
		if (clients < 1 || requests < clients || lifecycles < clients || warmUp < 1 || articles < 1 || incidents < 1) {
			throw new IllegalArgumentException("Every figure must be positive, and requests and lifecycles at least "
					+ "the number of clients: " + clients + " clients, " + requests + " requests, " + lifecycles
					+ " lifecycles, " + warmUp + " warm-up, " + articles + " articles, " + incidents + " incidents");
		}
	}

	static BenchmarkSettings from(Properties properties) {
		refuseRemoteTarget(properties.getProperty(BASE_URL_PROPERTY));
		refuseRemoteTarget(properties.getProperty(GATLING_BASE_URL_PROPERTY));
		Database db = switch (text(properties, "bench.db", "h2").toLowerCase(Locale.ROOT)) {
			case "h2" -> Database.H2;
			case "postgres", "postgresql" -> Database.POSTGRES;
			default -> throw new IllegalArgumentException(
					"bench.db must be h2 or postgres, not '" + properties.getProperty("bench.db") + "'");
		};
		String size = text(properties, "bench.size", "smoke").toLowerCase(Locale.ROOT);
		BenchmarkSettings defaults = switch (size) {
			case "smoke" -> new BenchmarkSettings(db, size, 4, 8, 4, 2, 300, 2_000, Duration.ofSeconds(60), null);
			case "full" ->
				new BenchmarkSettings(db, size, 32, 1_024, 512, 64, 100_000, 1_000_000, Duration.ofMinutes(5), null);
			default -> throw new IllegalArgumentException("bench.size must be smoke or full, not '" + size + "'");
		};
		return new BenchmarkSettings(db, size, integer(properties, "bench.clients", defaults.clients()),
				integer(properties, "bench.requests", defaults.requests()),
				integer(properties, "bench.lifecycles", defaults.lifecycles()),
				integer(properties, "bench.warm-up", defaults.warmUp()),
				integer(properties, "bench.articles", defaults.articles()),
				integer(properties, "bench.incidents", defaults.incidents()),
				Duration.parse(text(properties, "bench.phase-limit", defaults.phaseLimit().toString())),
				Path.of(text(properties, "bench.ratios", "target/benchmark-ratios.md")));
	}

	/**
	 * The per-client share of {@code total}, rounded up, so that every client runs the
	 * same loop and the total stays bounded by {@code clients * perClient}.
	 */
	int perClient(int total) {
		return (total + this.clients - 1) / this.clients;
	}

	/**
	 * The longest the whole run may take: every measured phase at its limit, plus the
	 * data fills and the waits for queued classifications, which are bounded by their own
	 * request timeout.
	 */
	Duration runLimit() {
		return this.phaseLimit.multipliedBy(16).plus(fillLimit().multipliedBy(5));
	}

	Duration fillLimit() {
		return "full".equals(this.size) ? Duration.ofMinutes(15) : Duration.ofMinutes(2);
	}

	/**
	 * Refuses to go on when asked to load anything but this machine: a load test against
	 * somebody's server is an attack on it.
	 */
	static void refuseRemoteTarget(String baseUrl) {
		if (baseUrl == null || baseUrl.isBlank()) {
			return;
		}
		String host;
		try {
			host = URI.create(baseUrl.trim()).getHost();
		}
		catch (IllegalArgumentException ex) {
			host = null;
		}
		if (host == null || !isLoopback(host)) {
			throw new IllegalStateException("Refusing to run the benchmark against " + baseUrl
					+ ": it loads only an application on this machine (localhost, 127.0.0.1 or ::1).");
		}
	}

	private static boolean isLoopback(String host) {
		String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
		if (bare.equalsIgnoreCase("localhost")) {
			return true;
		}
		// Only literal addresses: a name would need a lookup, whose answer may change.
		if (!bare.matches("[0-9.]+|[0-9a-fA-F]*:[0-9a-fA-F:]*")) {
			return false;
		}
		try {
			return InetAddress.getByName(bare).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	/** Maven passes a property it has no value for as an empty one. */
	private static String text(Properties properties, String name, String fallback) {
		String value = properties.getProperty(name);
		return (value == null || value.isBlank()) ? fallback : value.trim();
	}

	private static int integer(Properties properties, String name, int fallback) {
		String value = properties.getProperty(name);
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			return Integer.parseInt(value.trim().replace("_", ""));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'", ex);
		}
	}

}

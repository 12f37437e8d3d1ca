package org.incidentdesk.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The faults a provider sees with two application nodes on one PostgreSQL
 * ({@code docs/cluster.md}): each node a JVM of its own, started from the test JVM's
 * class path, with real HTTP load from here. Not part of {@code mvn verify}: it takes
 * minutes; {@code mvn -Pcluster test} runs it (and {@code scripts/verify} after
 * {@code mvn verify}).
 * <p>
 * The scenarios share one database, one mail server and two nodes, in this order: the
 * mail server goes down (3, begins), 1,000 SLA timers fire (4), PostgreSQL restarts under
 * load (2), the mail server comes back after at least five minutes (3, ends), and a node
 * is killed under load (1). Each prints its figures on lines starting with
 * {@code CLUSTER} and asserts them.
 * <p>
 * The test reads the database directly only to look behind the service: for duplicate
 * incidents, and for the jobs a killed node had locked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFaultScenarios {

	private static final Path DIRECTORY = Path.of("target", "cluster");

	/** How long the mail server stays down. */
	private static final Duration MAIL_OUTAGE = Duration.ofMinutes(5).plusSeconds(5);

	private static final Duration NODE_START = Duration.ofMinutes(3);

	private static final DateTimeFormatter ENGINE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

	private static final Pattern SUBJECT_NUMBER = Pattern.compile("^\\[(INC\\d+)\\] (.*?): ");

	private final ClusterHttp http = new ClusterHttp();

	private final int databasePort = freePort();

	private final int smtpPort = freePort();

	private final Path dataDirectory = DIRECTORY.resolve("pgdata").toAbsolutePath();

	private EmbeddedPostgres postgres;

	private GreenMail mail;

	/** Mail received by mail servers that were stopped since. */
	private final List<MimeMessage> earlierMail = new ArrayList<>();

	private ClusterNode nodeA;

	private ClusterNode nodeB;

	private Instant mailDownSince;

	private final List<String> mailScenarioIncidents = new ArrayList<>();

	private final List<String> timerIncidents = new ArrayList<>();

	@BeforeAll
	void startCluster() throws Exception {
		Files.createDirectories(DIRECTORY);
		Files.writeString(DIRECTORY.resolve("classpath.txt"),
				ClusterNode.classPath().replace(java.io.File.pathSeparator, "\n"));
		deleteRecursively(this.dataDirectory);
		Files.createDirectories(this.dataDirectory);
		try (Stream<Path> logs = Files.list(DIRECTORY)) {
			for (Path log : logs.filter((path) -> path.getFileName().toString().endsWith(".log")).toList()) {
				Files.delete(log);
			}
		}
		this.postgres = startPostgres();
		this.mail = startMail();
		this.nodeA = new ClusterNode("a", freePort(), DIRECTORY, nodeSettings("a"));
		this.nodeB = new ClusterNode("b", freePort(), DIRECTORY, nodeSettings("b"));
		// One after the other: each node's start-up sets up schema and demo data.
		for (ClusterNode node : List.of(this.nodeA, this.nodeB)) {
			Instant started = Instant.now();
			node.start(NODE_START);
			print("start", "node %s up on port %d in %d s (log %s)", node.name(), node.port(),
					Duration.between(started, Instant.now()).toSeconds(), node.log());
		}
	}

	@AfterAll
	void stopCluster() throws Exception {
		for (ClusterNode node : Stream.of(this.nodeA, this.nodeB).filter((node) -> node != null).toList()) {
			node.stop();
		}
		if (this.mail != null) {
			this.mail.stop();
		}
		if (this.postgres != null) {
			this.postgres.close();
		}
	}

	private Map<String, String> nodeSettings(String name) {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("spring.profiles.active", "postgres,demo");
		settings.put("spring.datasource.url", "jdbc:postgresql://127.0.0.1:" + this.databasePort + "/postgres");
		settings.put("spring.datasource.username", "postgres");
		settings.put("spring.datasource.password", "postgres");
		// A request waits this long for a connection before it is answered 503 (Hikari's
		// default is 30 s): the outage answers come within seconds.
		settings.put("spring.datasource.hikari.connection-timeout", "3000");
		settings.put("spring.mail.host", "127.0.0.1");
		settings.put("spring.mail.port", String.valueOf(this.smtpPort));
		settings.put("incident-desk.public-url", "http://127.0.0.1/");
		// Retries every 10 to 30 s, long enough for a five-minute outage (documented in
		// docs/cluster.md); a claim that a database outage left behind ends after a
		// minute.
		settings.put("incident-desk.mail.initial-backoff", "PT10S");
		settings.put("incident-desk.mail.max-backoff", "PT30S");
		settings.put("incident-desk.mail.max-attempts", "100");
		settings.put("incident-desk.mail.lease", "PT1M");
		settings.put("camunda.bpm.job-execution.enabled", "true");
		settings.put("camunda.bpm.job-execution.lock-time-in-millis", String.valueOf(ClusterNode.LOCK_TIME_MILLIS));
		settings.put("logging.file.name", DIRECTORY.resolve("node-" + name + "-app.log").toString());
		return settings;
	}

	// --- Scenario 3, first half: the mail server goes down --------------------

	@Test
	@Order(1)
	@Timeout(value = 3, unit = TimeUnit.MINUTES)
	void mailServerGoesDownWhileNotificationsAreCaused() throws Exception {
		stopMail();
		this.mailDownSince = Instant.now();
		List<ClusterNode> nodes = List.of(this.nodeA, this.nodeB);
		List<Callable<String>> reports = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			int n = i;
			reports.add(() -> report(nodes.get(n % 2), (n % 4 < 2) ? "alice" : "bob", "mail-outage " + n));
		}
		this.mailScenarioIncidents.addAll(parallel(8, reports));
		// A public comment of the service desk on each: the caller is told of it.
		List<Callable<String>> comments = new ArrayList<>();
		for (int i = 0; i < this.mailScenarioIncidents.size(); i++) {
			String number = this.mailScenarioIncidents.get(i);
			ClusterNode node = nodes.get((i + 1) % 2);
			comments.add(() -> {
				ClusterHttp.Answer answer = null;
				// A 503 (no free connection) changed nothing: sent again after a second
				for (int attempt = 0; attempt < 10 && (answer == null || answer.status() == 503); attempt++) {
					if (answer != null) {
						Thread.sleep(1_000);
					}
					answer = this.http.send(node, "sam", "POST", "/api/v1/incidents/" + number + "/comments",
							Map.of("body", "We are looking into it.", "internal", false), Map.of());
				}
				assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
				return number;
			});
		}
		parallel(8, comments);
		print("mail", "mail server down at %s; %d incidents reported and commented on across two nodes",
				this.mailDownSince, this.mailScenarioIncidents.size());
	}

	// --- Scenario 4: 1,000 SLA timers due while two nodes run -----------------

	@Test
	@Order(2)
	@Timeout(value = 9, unit = TimeUnit.MINUTES)
	void aThousandSlaTimersFireExactlyOnceAcrossTwoNodes() throws Exception {
		// Given 334 incidents, three SLA timers each (response, warning, breach)
		List<ClusterNode> nodes = List.of(this.nodeA, this.nodeB);
		List<Callable<String>> reports = new ArrayList<>();
		for (int i = 0; i < 334; i++) {
			int n = i;
			reports.add(() -> report(nodes.get(n % 2), (n % 4 < 2) ? "alice" : "bob", "timers " + n));
		}
		Instant reporting = Instant.now();
		this.timerIncidents.addAll(parallel(16, reports));
		awaitClassified();
		print("timers", "%d incidents reported in %d s", this.timerIncidents.size(),
				Duration.between(reporting, Instant.now()).toSeconds());
		List<String> timers = timersOf(new HashSet<>(this.timerIncidents));
		assertThat(timers).hasSize(3 * this.timerIncidents.size());

		// When an administrator brings every one of them due through the engine's REST
		// API, half through each node
		String due = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1).format(ENGINE_DATE);
		Instant moving = Instant.now();
		AtomicInteger movesRetried = new AtomicInteger();
		List<Callable<String>> moves = new ArrayList<>();
		for (int i = 0; i < timers.size(); i++) {
			String job = timers.get(i);
			ClusterNode node = nodes.get(i % 2);
			moves.add(() -> moveDue(node, job, due, movesRetried));
		}
		parallel(8, moves);
		Instant moved = Instant.now();

		// Then each fires once: the incident's timeline has each SLA entry exactly once
		String[] entries = { "Response SLA missed: escalated to the incident manager.",
				"Resolution SLA warning: the incident is due by",
				"Resolution SLA breached: the incident manager reviews the incident." };
		awaitTrue(Duration.ofMinutes(6), "every moved timer and its asynchronous step done",
				() -> dueJobs() == 0 && engineIncidents() == 0);
		Instant fired = Instant.now();
		Thread.sleep(5_000);
		// No step of these incidents may wait for a retry: a failed step is due again
		// later (the model's R3/PT5M), which "no due job" alone would hide
		List<String> waiting = jobsOf(new HashSet<>(this.timerIncidents));
		Map<String, Integer> counts = new TreeMap<>();
		List<String> off = new ArrayList<>();
		List<Callable<Map<String, Integer>>> reads = new ArrayList<>();
		for (int i = 0; i < this.timerIncidents.size(); i++) {
			String number = this.timerIncidents.get(i);
			ClusterNode node = nodes.get(i % 2);
			reads.add(() -> {
				String timeline = this.http.get(node, "demo", "/api/v1/incidents/" + number + "/timeline").body();
				Map<String, Integer> found = new HashMap<>();
				for (String entry : entries) {
					found.put(entry, occurrences(timeline, entry));
				}
				return found;
			});
		}
		int once = 0;
		int twice = 0;
		int never = 0;
		List<Map<String, Integer>> found = parallel(8, reads);
		for (int i = 0; i < found.size(); i++) {
			for (Map.Entry<String, Integer> entry : found.get(i).entrySet()) {
				counts.merge(entry.getKey() + " x" + entry.getValue(), 1, Integer::sum);
				if (entry.getValue() == 1) {
					once++;
					continue;
				}
				off.add(this.timerIncidents.get(i) + ": '" + entry.getKey() + "' x" + entry.getValue());
				if (entry.getValue() == 0) {
					never++;
				}
				else {
					twice++;
				}
			}
		}
		print("timers",
				"timers=%d moved-in=%d s (moves sent again after a 5xx: %d) fired-in=%d s fired-once=%d "
						+ "fired-twice-or-more=%d never=%d",
				timers.size(), Duration.between(moving, moved).toSeconds(), movesRetried.get(),
				Duration.between(moved, fired).toSeconds(), once, twice, never);
		print("timers", "timeline entries per incident: %s", counts);
		print("timers", "entries off: %s; jobs of these incidents still waiting: %s", off, waiting);
		assertThat(waiting).as("jobs of these incidents still waiting (a failed step)").isEmpty();
		assertThat(off).as("timeline entries not there exactly once").isEmpty();
		assertThat(once).isEqualTo(timers.size());
		assertThat(twice).isZero();
		assertThat(never).isZero();
	}

	// --- Scenario 2: PostgreSQL restarts under load ---------------------------

	@Test
	@Order(3)
	@Timeout(value = 5, unit = TimeUnit.MINUTES)
	void postgresqlRestartsUnderLoadAndTheNodesRecoverByThemselves() throws Exception {
		List<ClusterNode> nodes = List.of(this.nodeA, this.nodeB);
		// A browser signed in to the portal on each node before the outage
		Map<String, List<String>> sessions = new HashMap<>();
		for (ClusterNode node : nodes) {
			sessions.put(node.name(), signIn(node, "alice"));
		}
		ReportLoad load = new ReportLoad(this.http, "db-restart");
		Queue<String> probes = new ConcurrentLinkedQueue<>();
		AtomicInteger probeFailures = new AtomicInteger();
		Instant[] outage = new Instant[2];
		ExecutorService faults = Executors.newSingleThreadExecutor();
		Future<?> fault = faults.submit(() -> {
			Thread.sleep(10_000);
			outage[0] = Instant.now();
			this.postgres.close();
			print("db", "PostgreSQL stopped");
			Thread.sleep(3_000);
			Instant probing = Instant.now();
			try {
				parallel(2, nodes.stream().<Callable<Object>>map((node) -> () -> {
					probe(node, sessions.get(node.name()), probes, probeFailures);
					return node;
				}).toList());
				Thread.sleep(Math.max(0, 20_000 - Duration.between(probing, Instant.now()).toMillis()));
			}
			finally {
				// Whatever a probe found, the database comes back: the scenarios after
				// this one need it
				this.postgres = startPostgres();
				outage[1] = Instant.now();
			}
			print("db", "PostgreSQL started again on the same data directory and port after %d s",
					Duration.between(outage[0], outage[1]).toSeconds());
			return null;
		});
		load.run(nodes, 16, Duration.ofSeconds(45), Duration.ofSeconds(60));
		fault.get(1, TimeUnit.MINUTES);
		faults.shutdown();

		// Recovered: each node answers again, without a restart of its own
		Map<String, Long> recovery = new TreeMap<>();
		for (ClusterNode node : nodes) {
			Instant start = Instant.now();
			awaitTrue(Duration.ofMinutes(1), "node " + node.name() + " answers after the restart",
					() -> status(node, "alice", "/api/v1/incidents?size=1") == 200);
			Instant first = load.acknowledged.stream()
				.filter((ack) -> ack.node().equals(node.name()) && ack.at().isAfter(outage[1]))
				.map(ReportLoad.Acknowledged::at)
				.min(Instant::compareTo)
				.orElse(start);
			recovery.put(node.name(), Duration.between(outage[1], first).toMillis());
		}
		// Every acknowledged report is complete: its record and its process
		List<String> lost = lost(load, nodes);
		int duplicates = duplicates(load.tag());
		print("db",
				"sent=%d acknowledged=%d lost=%d duplicated=%d gave-up=%d answers=%s unexpected=%d probes=%s "
						+ "probe-failures=%d recovery-ms(first 201 after the restart)=%s",
				load.sent.size(), load.acknowledged.size(), lost.size(), duplicates, load.gaveUp.get(), load.answers,
				load.unexpected.size(), probes, probeFailures.get(), recovery);
		load.unavailableSamples.forEach((sample) -> print("db", "a 503 during the outage: %s", sample));
		load.unexpected.stream().limit(10).forEach((answer) -> print("db", "unexpected: %s", answer));
		assertThat(load.unexpected).as("answers other than 201 and 503 problem details").isEmpty();
		assertThat(load.answered(500)).isZero();
		assertThat(load.answered(503)).as("requests during the outage answered 503").isPositive();
		assertThat(probeFailures.get()).as("probes during the outage: %s", probes).isZero();
		assertThat(load.gaveUp.get()).isZero();
		assertThat(lost).isEmpty();
		assertThat(duplicates).isZero();
	}

	/**
	 * Each surface, while the database is down: the API (signed in before and not), the
	 * engine's REST API, the portal with a session, and the portal's sign-in of a user
	 * whom no node remembers (a remembered sign-in needs no database and succeeds).
	 */
	private void probe(ClusterNode node, List<String> session, Queue<String> probes, AtomicInteger failures) {
		Map<String, Callable<ClusterHttp.Answer>> calls = new LinkedHashMap<>();
		calls.put("api", () -> this.http.get(node, "alice", "/api/v1/incidents?size=1"));
		calls.put("api-new-sign-in", () -> this.http.get(node, "sari", "/api/v1/incidents?size=1"));
		calls.put("engine-rest", () -> this.http.get(node, "sam", "/engine-rest/task?maxResults=1"));
		calls.put("portal", () -> this.http.browser(node, "GET", "/portal/incidents", null, session));
		calls.put("sign-in", () -> {
			List<String> fresh = new ArrayList<>();
			ClusterHttp.Answer page = this.http.browser(node, "GET", "/login", null, fresh);
			if (page.status() == 503) {
				// The sign-in form's CSRF token lives in the session, and the sessions
				// live in the database: without it the form itself is unavailable
				return page;
			}
			fresh.addAll(cookies(page));
			return this.http.browser(node, "POST", "/login",
					"username=dodi&password=demo&_csrf=" + encode(csrf(page.body())), fresh);
		});
		calls.forEach((surface, call) -> {
			try {
				ClusterHttp.Answer answer = call.call();
				probes.add(node.name() + ":" + surface + "=" + answer.status());
				// The portal and its sign-in form answer a page in the reader's language,
				// the rest a problem detail
				if (answer.status() != 503
						|| (!surface.equals("portal") && !surface.equals("sign-in") && !answer.isProblem())) {
					failures.incrementAndGet();
					print("db", "probe %s on node %s during the outage: %s", surface, node.name(), answer);
				}
			}
			catch (Exception ex) {
				failures.incrementAndGet();
				print("db", "probe %s on node %s during the outage failed: %s", surface, node.name(), ex);
			}
		});
	}

	// --- Scenario 3, second half: the mail server comes back ------------------

	@Test
	@Order(4)
	@Timeout(value = 10, unit = TimeUnit.MINUTES)
	void everyNotificationIsDeliveredOnceAfterTheMailOutage() throws Exception {
		assertThat(this.mailDownSince).as("the mail server went down in the first scenario").isNotNull();
		Duration left = Duration.between(Instant.now(), this.mailDownSince.plus(MAIL_OUTAGE));
		if (!left.isNegative()) {
			print("mail", "waiting %d s more for five minutes of mail outage", left.toSeconds());
			Thread.sleep(left.toMillis());
		}
		this.mail = startMail();
		Instant back = Instant.now();
		print("mail", "mail server up again after %d s", Duration.between(this.mailDownSince, back).toSeconds());

		// Every notification of the outage is delivered: the outbox empties
		awaitTrue(Duration.ofMinutes(4), "the outbox empty", () -> outboxPending() == 0);
		Instant delivered = Instant.now();
		// Then nothing more comes
		Thread.sleep(15_000);
		Map<String, Integer> perMail = new TreeMap<>();
		for (MimeMessage message : allMail()) {
			perMail.merge(mailKey(message), 1, Integer::sum);
		}
		int duplicated = (int) perMail.values().stream().filter((count) -> count > 1).count();
		perMail.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() > 1)
			.limit(10)
			.forEach((entry) -> print("mail", "duplicate: %s x%d", entry.getKey(), entry.getValue()));

		// The callers of the outage's incidents each got the registration and the update
		List<String> missing = new ArrayList<>();
		for (String number : this.mailScenarioIncidents) {
			for (String kind : List.of("Your incident was registered", "Your incident was updated")) {
				if (perMail.keySet().stream().noneMatch((key) -> key.contains(number + " " + kind))) {
					missing.add(number + " " + kind);
				}
			}
		}
		// The incident managers got each SLA mail of the timer scenario
		for (String number : this.timerIncidents) {
			for (String kind : List.of("Response SLA missed", "Resolution SLA at risk", "Resolution SLA breached")) {
				if (perMail.keySet().stream().noneMatch((key) -> key.endsWith(number + " " + kind))) {
					missing.add(number + " " + kind);
				}
			}
		}
		int failed = outboxFailed();
		print("mail",
				"outage=%d s mails-delivered=%d distinct=%d duplicated=%d missing=%d failed=%d "
						+ "delivered-within=%d s after the mail server came back",
				Duration.between(this.mailDownSince, back).toSeconds(),
				perMail.values().stream().mapToInt(i -> i).sum(), perMail.size(), duplicated, missing.size(), failed,
				Duration.between(back, delivered).toSeconds());
		missing.stream().limit(10).forEach((key) -> print("mail", "missing: %s", key));
		assertThat(missing).isEmpty();
		assertThat(duplicated).isZero();
		assertThat(failed).isZero();
	}

	// --- Scenario 1: kill -9 of one node under load ---------------------------

	@Test
	@Order(5)
	@Timeout(value = 11, unit = TimeUnit.MINUTES)
	void aNodeKilledUnderLoadLosesNothingAndItsJobsAreTakenOver() throws Exception {
		List<ClusterNode> nodes = List.of(this.nodeA, this.nodeB);
		// Incidents whose timers will be brought due during the load, so that both
		// nodes hold jobs when one dies
		List<Callable<String>> reports = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			int n = i;
			reports.add(() -> report(nodes.get(n % 2), (n % 4 < 2) ? "alice" : "bob", "kill-timers " + n));
		}
		List<String> timerIncidents = parallel(16, reports);
		awaitClassified();
		List<String> timers = timersOf(new HashSet<>(timerIncidents));

		// All due at one moment, 4 s into the load: node B is killed as soon as both
		// nodes' job executors hold jobs of that burst of 300 timers and their
		// asynchronous steps
		Instant dueAt = Instant.now().plusSeconds(90);
		String due = OffsetDateTime.ofInstant(dueAt, ZoneOffset.UTC).format(ENGINE_DATE);
		AtomicInteger movesRetried = new AtomicInteger();
		List<Callable<String>> moves = new ArrayList<>();
		for (int i = 0; i < timers.size(); i++) {
			String job = timers.get(i);
			ClusterNode node = nodes.get(i % 2);
			moves.add(() -> moveDue(node, job, due, movesRetried));
		}
		parallel(8, moves);
		print("kill", "%d timers due at %s (%d moves sent again after a 5xx), %d s from now", timers.size(), dueAt,
				movesRetried.get(), Duration.between(Instant.now(), dueAt).toSeconds());
		Thread.sleep(Math.max(0, Duration.between(Instant.now(), dueAt.minusSeconds(4)).toMillis()));

		ReportLoad load = new ReportLoad(this.http, "kill");
		Map<String, Object> killed = new ConcurrentHashMap<>();
		ExecutorService faults = Executors.newSingleThreadExecutor();
		Future<?> fault = faults.submit(() -> {
			// Killed the moment both nodes hold timer jobs: a fixed delay after the due
			// time found the burst already done on a faster machine
			Thread.sleep(3_000);
			Instant giveUp = Instant.now().plusSeconds(30);
			while (lockOwners(lockedJobs()) < 2 && Instant.now().isBefore(giveUp)) {
				Thread.sleep(50);
			}
			Instant kill = Instant.now();
			this.nodeB.kill();
			killed.put("at", kill);
			Map<String, String> lockedAtKill = lockedJobs();
			// The jobs the dead node held: still locked by the same owner with the same
			// expiry 5 s after the kill (the survivor's own finish or renew in that time)
			Thread.sleep(5_000);
			Map<String, String> stillLocked = lockedJobs();
			Map<String, String> deadNodeJobs = new HashMap<>();
			lockedAtKill.forEach((job, owner) -> {
				if (owner.equals(stillLocked.get(job))) {
					deadNodeJobs.put(job, owner);
				}
			});
			killed.put("dead", deadNodeJobs);
			print("kill", "locked jobs at the kill: %d, of them still locked alike 5 s later: %d", lockedAtKill.size(),
					deadNodeJobs.size());
			awaitTrue(Duration.ofMinutes(2), "the dead node's jobs taken over",
					() -> lockedJobs().keySet().stream().noneMatch(deadNodeJobs::containsKey)
							&& existingJobs(deadNodeJobs.keySet()) == 0);
			killed.put("takenOver", Instant.now());
			return null;
		});
		load.run(nodes, 32, Duration.ofSeconds(35), Duration.ofSeconds(60));
		fault.get(3, TimeUnit.MINUTES);
		faults.shutdown();
		Instant kill = (Instant) killed.get("at");
		Instant takenOver = (Instant) killed.get("takenOver");
		@SuppressWarnings("unchecked")
		Map<String, String> deadNodeJobs = (Map<String, String>) killed.get("dead");
		Set<String> deadOwners = new HashSet<>();
		deadNodeJobs.values().forEach((lock) -> deadOwners.add(lock.substring(0, lock.indexOf('@'))));
		// The load's reports arrived faster than one node classifies them: their
		// classifications queue as jobs (README "Reporting during an outage"), and the
		// survivor's one job thread works them off after the timers.
		long dueAfterLoad = dueJobs();
		awaitTrue(Duration.ofMinutes(5), "every due job done", () -> dueJobs() == 0 && engineIncidents() == 0);
		Instant allDone = Instant.now();

		// Every acknowledged report has its incident and its process on the survivor
		List<String> lost = lost(load, List.of(this.nodeA));
		int duplicates = duplicates(load.tag());
		long replayed = load.acknowledged.stream().filter(ReportLoad.Acknowledged::replayed).count();
		print("kill",
				"sent=%d acknowledged=%d lost=%d duplicated=%d replayed-after-failover=%d failed-over=%d gave-up=%d "
						+ "answers=%s unexpected=%d",
				load.sent.size(), load.acknowledged.size(), lost.size(), duplicates, replayed, load.failedOver.get(),
				load.gaveUp.get(), load.answers, load.unexpected.size());
		print("kill",
				"jobs locked by the dead node=%d (owners %s) lock-time=%d ms taken-over-after=%d s due-jobs-after-the-load=%d"
						+ " all-due-jobs-done-after=%d s",
				deadNodeJobs.size(), deadOwners, ClusterNode.LOCK_TIME_MILLIS,
				Duration.between(kill, takenOver).toSeconds(), dueAfterLoad,
				Duration.between(kill, allDone).toSeconds());
		load.unexpected.stream().limit(10).forEach((answer) -> print("kill", "unexpected: %s", answer));
		assertThat(load.acknowledged).isNotEmpty();
		assertThat(load.unexpected).isEmpty();
		assertThat(load.gaveUp.get()).isZero();
		assertThat(lost).isEmpty();
		assertThat(duplicates).isZero();
		assertThat(deadNodeJobs).as("the killed node held jobs").isNotEmpty();
		assertThat(deadOwners).hasSize(1);

		// Each of the timers brought due fired once
		Map<String, Integer> breaches = new TreeMap<>();
		for (String number : timerIncidents) {
			String timeline = this.http.get(this.nodeA, "demo", "/api/v1/incidents/" + number + "/timeline").body();
			breaches.merge("response x" + occurrences(timeline, "Response SLA missed: escalated"), 1, Integer::sum);
			breaches.merge("warning x" + occurrences(timeline, "Resolution SLA warning: the incident is due by"), 1,
					Integer::sum);
			breaches.merge("breach x" + occurrences(timeline, "Resolution SLA breached: the incident manager"), 1,
					Integer::sum);
		}
		print("kill", "timeline entries of the %d timers brought due: %s", timers.size(), breaches);
		assertThat(breaches).containsOnlyKeys("response x1", "warning x1", "breach x1");
	}

	// --- Helpers --------------------------------------------------------------

	/**
	 * Reports an incident; a 503 (a node's connections all in use) is sent again with the
	 * same key after a second.
	 */
	private String report(ClusterNode node, String caller, String summary) throws Exception {
		ClusterHttp.Answer answer = null;
		for (int attempt = 0; attempt < 10; attempt++) {
			answer = this.http.send(node, caller, "POST", "/api/v1/incidents",
					Map.of("summary", summary, "category", "email", "impact", "LOW", "urgency", "LOW"),
					Map.of("Idempotency-Key", summary.replace(' ', '-')));
			if (answer.status() != 503) {
				break;
			}
			Thread.sleep(1_000);
		}
		assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
		return answer.json().get("number").asText();
	}

	/**
	 * Brings a timer due through the engine's REST API, as an administrator. A move that
	 * meets the job's process changing at the same moment (another of its timers firing:
	 * the engine answers 500 "ENGINE-03077 Cannot resolve parent ... perhaps it was
	 * deleted in the meantime"), or a busy database (503), is sent again.
	 */
	private String moveDue(ClusterNode node, String job, String due, AtomicInteger retried) throws Exception {
		ClusterHttp.Answer answer = null;
		for (int attempt = 0; attempt < 8; attempt++) {
			answer = this.http.send(node, "demo", "PUT", "/engine-rest/job/" + job + "/duedate", Map.of("duedate", due),
					Map.of());
			if (answer.status() == 204) {
				return job;
			}
			if (answer.status() < 500 && answer.status() != 409) {
				break;
			}
			retried.incrementAndGet();
			Thread.sleep(500);
		}
		throw new AssertionError("Could not bring job " + job + " due: " + answer);
	}

	/** The ids of the timer jobs of these incidents, through the engine's REST API. */
	private List<String> timersOf(Set<String> numbers) throws Exception {
		Map<String, String> processes = new HashMap<>();
		for (JsonNode process : this.http
			.get(this.nodeA, "demo", "/engine-rest/process-instance?processDefinitionKey=IncidentManagement")
			.json()) {
			processes.put(process.get("id").asText(), process.get("businessKey").asText());
		}
		List<String> timers = new ArrayList<>();
		for (JsonNode job : this.http.get(this.nodeA, "demo", "/engine-rest/job?timers=true").json()) {
			String number = processes.get(job.get("processInstanceId").asText());
			if (numbers.contains(number)) {
				timers.add(job.get("id").asText());
			}
		}
		return timers;
	}

	/** The acknowledged reports without their incident or without a running process. */
	private List<String> lost(ReportLoad load, List<ClusterNode> nodes) throws Exception {
		Set<String> running = new HashSet<>();
		for (JsonNode process : this.http
			.get(nodes.get(0), "demo", "/engine-rest/process-instance?processDefinitionKey=IncidentManagement")
			.json()) {
			running.add(process.get("businessKey").asText());
		}
		List<Callable<String>> checks = new ArrayList<>();
		int i = 0;
		for (ReportLoad.Acknowledged ack : load.acknowledged) {
			ClusterNode node = nodes.get(i++ % nodes.size());
			checks.add(() -> {
				ClusterHttp.Answer incident = this.http.get(node, "demo", "/api/v1/incidents/" + ack.number());
				if (incident.status() != 200 || !incident.json().get("summary").asText().endsWith(ack.key())) {
					return ack.key() + " " + ack.number() + ": " + incident;
				}
				if (!running.contains(ack.number())) {
					return ack.key() + " " + ack.number() + ": no running process";
				}
				return "";
			});
		}
		return parallel(8, checks).stream().filter((problem) -> !problem.isEmpty()).toList();
	}

	/** Reports of the load that became more than one incident. */
	private int duplicates(String tag) throws SQLException {
		try (Connection connection = database();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("select count(*) from (select summary from incident where "
						+ "summary like '" + tag + " %' group by summary having count(*) > 1) twice")) {
			rows.next();
			return rows.getInt(1);
		}
	}

	/**
	 * Reports sent 16 at a time are classified by the nodes' job executors moments after
	 * they were answered (README "Reporting during an outage"); their SLA timers exist
	 * from then on.
	 */
	private void awaitClassified() throws Exception {
		awaitTrue(Duration.ofMinutes(2), "every report classified",
				() -> queryLong("select count(*) from act_ru_job j join act_ru_jobdef d on d.id_ = j.job_def_id_"
						+ " where d.act_id_ = 'Task_ClassifyIncident'") == 0);
	}

	private long dueJobs() {
		return queryLong("select count(*) from act_ru_job where process_def_key_ = 'IncidentManagement'"
				+ " and (duedate_ is null or duedate_ <= now())");
	}

	private long engineIncidents() {
		return queryLong("select count(*) from act_ru_incident");
	}

	private long existingJobs(Set<String> ids) {
		if (ids.isEmpty()) {
			return 0;
		}
		return queryLong("select count(*) from act_ru_job where id_ in ('" + String.join("','", ids) + "')");
	}

	/**
	 * The jobs of these incidents' processes, whenever due, each with the incident, the
	 * step, its retries, due date and last failure.
	 */
	private List<String> jobsOf(Set<String> numbers) throws SQLException {
		List<String> jobs = new ArrayList<>();
		try (Connection connection = database();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("select e.business_key_, coalesce(d.act_id_, j.handler_cfg_),"
						+ " j.retries_, j.duedate_, j.exception_msg_ from act_ru_job j"
						+ " join act_ru_execution e on e.id_ = j.process_instance_id_"
						+ " left join act_ru_jobdef d on d.id_ = j.job_def_id_"
						+ " where j.process_def_key_ = 'IncidentManagement'")) {
			while (rows.next()) {
				if (numbers.contains(rows.getString(1))) {
					jobs.add(rows.getString(1) + " " + rows.getString(2) + " retries=" + rows.getInt(3) + " due="
							+ rows.getTimestamp(4).toInstant() + " failure=" + rows.getString(5));
				}
			}
		}
		return jobs;
	}

	/**
	 * How many job executors hold these locks (owner@expiry, as {@link #lockedJobs()}).
	 */
	private static long lockOwners(Map<String, String> locked) {
		return locked.values().stream().map((lock) -> lock.substring(0, lock.indexOf('@'))).distinct().count();
	}

	/**
	 * Jobs that a job executor locked and has not finished, by id, with the lock's owner
	 * and expiry (the lock may have expired: then no node has taken the job again yet).
	 */
	private Map<String, String> lockedJobs() {
		Map<String, String> locked = new HashMap<>();
		try (Connection connection = database();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(
						"select id_, lock_owner_, lock_exp_time_ from act_ru_job where lock_owner_ is not null")) {
			while (rows.next()) {
				locked.put(rows.getString(1), rows.getString(2) + "@" + rows.getTimestamp(3).toInstant());
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return locked;
	}

	private long queryLong(String sql) {
		try (Connection connection = database();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql, ex);
		}
	}

	private Connection database() throws SQLException {
		return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + this.databasePort + "/postgres", "postgres",
				"postgres");
	}

	private int outboxPending() {
		return (int) metric("incidentdesk.outbox.pending");
	}

	private int outboxFailed() {
		return (int) metric("incidentdesk.outbox.failed");
	}

	private double metric(String name) {
		try {
			JsonNode metric = this.http.get(this.nodeA, "demo", "/actuator/metrics/" + name).json();
			return metric.get("measurements").get(0).get("value").asDouble();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private int status(ClusterNode node, String user, String path) {
		try {
			return this.http.get(node, user, path).status();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	/**
	 * Signs in to the portal with the form, as a browser; returns the session's cookies.
	 */
	private List<String> signIn(ClusterNode node, String user) throws Exception {
		List<String> cookies = new ArrayList<>();
		ClusterHttp.Answer page = this.http.browser(node, "GET", "/login", null, cookies);
		cookies.addAll(cookies(page));
		ClusterHttp.Answer signedIn = this.http.browser(node, "POST", "/login",
				"username=" + user + "&password=demo&_csrf=" + encode(csrf(page.body())), cookies);
		assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(302);
		assertThat(signedIn.header("Location").orElse("")).doesNotContain("error");
		List<String> session = new ArrayList<>(cookies(signedIn));
		cookies.stream()
			.filter((cookie) -> session.stream().noneMatch((kept) -> name(kept).equals(name(cookie))))
			.forEach(session::add);
		ClusterHttp.Answer portal = this.http.browser(node, "GET", "/portal", null, session);
		assertThat(portal.status()).as(portal.toString()).isEqualTo(200);
		return session;
	}

	private static List<String> cookies(ClusterHttp.Answer answer) {
		return answer.raw()
			.headers()
			.allValues("Set-Cookie")
			.stream()
			.map((cookie) -> cookie.split(";", 2)[0])
			.toList();
	}

	private static String name(String cookie) {
		return cookie.split("=", 2)[0];
	}

	private static String csrf(String page) {
		Matcher matcher = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page);
		if (!matcher.find()) {
			matcher = Pattern.compile("value=\"([^\"]+)\"[^>]*name=\"_csrf\"").matcher(page);
			assertThat(matcher.find()).as("a CSRF token on the sign-in page").isTrue();
		}
		return matcher.group(1);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private EmbeddedPostgres startPostgres() throws IOException {
		return EmbeddedPostgres.builder()
			.setDataDirectory(this.dataDirectory)
			.setCleanDataDirectory(false)
			.setPort(this.databasePort)
			.start();
	}

	private GreenMail startMail() {
		GreenMail greenMail = new GreenMail(new ServerSetup(this.smtpPort, "127.0.0.1", "smtp"));
		greenMail.start();
		return greenMail;
	}

	private void stopMail() {
		Collections.addAll(this.earlierMail, this.mail.getReceivedMessages());
		this.mail.stop();
	}

	private List<MimeMessage> allMail() {
		List<MimeMessage> all = new ArrayList<>(this.earlierMail);
		Collections.addAll(all, this.mail.getReceivedMessages());
		return all;
	}

	/** Recipient, incident and kind of a notification mail. */
	private static String mailKey(MimeMessage message) throws MessagingException {
		String subject = message.getSubject();
		Matcher matcher = SUBJECT_NUMBER.matcher(subject);
		String what = matcher.find() ? matcher.group(1) + " " + matcher.group(2) : subject;
		return message.getRecipients(Message.RecipientType.TO)[0] + " " + what;
	}

	private static int occurrences(String text, String part) {
		int count = 0;
		for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
			count++;
		}
		return count;
	}

	private static <T> List<T> parallel(int threads, List<Callable<T>> work) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<T>> futures = new ArrayList<>();
			work.forEach((task) -> futures.add(pool.submit(task)));
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get(3, TimeUnit.MINUTES));
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static void awaitTrue(Duration timeout, String what, BooleanSupplier condition)
			throws InterruptedException {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			try {
				if (condition.getAsBoolean()) {
					return;
				}
			}
			catch (RuntimeException ex) {
				// not yet
			}
			Thread.sleep(500);
		}
		throw new AssertionError("Not within " + timeout + ": " + what);
	}

	private static void print(String scenario, String format, Object... arguments) {
		System.out.println("CLUSTER " + scenario + ": " + String.format(format, arguments));
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void deleteRecursively(Path path) throws IOException {
		if (!Files.exists(path)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(path)) {
			for (Path each : paths.sorted(Collections.reverseOrder()).toList()) {
				Files.delete(each);
			}
		}
	}

}

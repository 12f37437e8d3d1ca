package org.incidentdesk.benchmark;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAsDuring;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import org.incidentdesk.benchmark.Results.Comparison;
import org.incidentdesk.benchmark.Results.Measure;

/**
 * The load benchmark of issue 10: every scenario beside its baseline, in one run, on one
 * application that the simulation starts itself ({@link BenchmarkApplication}), then the
 * ratio table. See docs/benchmarks.md for the commands; {@link BenchmarkSettings} for the
 * sizes.
 * <p>
 * The phases run one after another, never two at once, so a baseline and its product
 * share the machine with nothing else:
 * <ol>
 * <li>(e) list and search on the empty database (the demo world has no incidents);</li>
 * <li>warm-up of the engine and the API, then (a) raw engine start and incident report at
 * the same concurrency;</li>
 * <li>(b) the raw engine lifecycle and the API lifecycle (report, the service desk
 * resolves at triage, the caller confirms);</li>
 * <li>fill the knowledge articles, rebuild the index; (d) raw Lucene query and knowledge
 * search;</li>
 * <li>fill the incidents; (e) list and search again.</li>
 * </ol>
 * Every phase is bounded in requests (clients × per-client loop) and in time
 * ({@code bench.phase-limit}); the run as a whole has a maximum duration too. Any
 * response but the expected 2xx fails the request, and one failed request fails the run
 * (a Gatling assertion), after the statuses seen have been printed.
 */
public class BenchmarkSimulation extends Simulation {

	private static final String PASSWORD = "demo";

	private static final String ADMIN = "demo";

	private static final String SERVICE_DESK = "sam";

	/** Callers of acme; the virtual users take turns. */
	private static final List<String> CALLERS = List.of("alice", "bob");

	/** Alike reports: an outage brings many reports of the same problem. */
	private static final String REPORT = """
			{"summary": "Printer on the third floor jams", "description": "The printer shows a paper jam error \
			and makes a grinding noise. Nobody on the floor can print.", "category": "hardware", \
			"impact": "MEDIUM", "urgency": "MEDIUM"}""";

	private static final String RESOLUTION = """
			{"resolutionCode": "SOLVED_BY_KNOWLEDGE", "resolutionNotes": "Removed the jammed paper from tray 2."}""";

	private static final String RAW_START = """
			{"businessKey": "#{businessKey}", "variables": {"tenantId": {"value": "acme", "type": "String"}}}""";

	/** Queries of the knowledge search, in the words of the generated articles. */
	private static final List<String> QUERIES = List.of("printer jams every few pages",
			"vpn client keeps disconnecting", "outlook asks for the password again", "laptop does not start",
			"monitor flickers", "wi-fi is very slow", "scanner shows an error", "shared drive cannot be reached");

	private static final String LIST = "/api/v1/incidents?size=20";

	private static final String SEARCH = "/api/v1/incidents?q=printer&size=20";

	private final BenchmarkSettings settings = BenchmarkSettings.from(System.getProperties());

	private final Results results = new Results();

	private final BenchmarkApplication application;

	private final List<Comparison> comparisons = List.of(
			new Comparison("(a) report at " + this.settings.clients() + " clients vs raw engine start",
					"a report incident", "a raw engine start", Measure.P99, 1.5),
			new Comparison("(b) lifecycle through the API vs raw engine lifecycle", "b API lifecycle",
					"b raw engine lifecycle", Measure.THROUGHPUT, 0.5),
			new Comparison("(d) knowledge search vs raw Lucene, " + this.settings.articles() + " articles",
					"d knowledge search", "d raw Lucene search", Measure.P99, 1.5),
			new Comparison("(e) list at " + this.settings.incidents() + " incidents vs empty", "e list (filled)",
					"e list (empty)", Measure.P99, 1.2),
			new Comparison("(e) search q=printer at " + this.settings.incidents() + " incidents vs empty",
					"e search (filled)", "e search (empty)", Measure.P99, 1.2));

	public BenchmarkSimulation() {
		this.application = BenchmarkApplication.start(this.settings);
		try {
			String baseUrl = this.application.baseUrl();
			deployRawEngineProcesses(baseUrl);
			HttpProtocolBuilder protocol = http.baseUrl(baseUrl)
				.acceptHeader("application/json")
				.contentTypeHeader("application/json")
				.disableCaching();
			setUp(sequence(phases())).protocols(protocol)
				.maxDuration(this.settings.runLimit())
				.assertions(global().failedRequests().count().is(0L));
		}
		catch (RuntimeException ex) {
			this.application.close();
			throw ex;
		}
	}

	private List<PopulationBuilder> phases() {
		int requests = this.settings.requests();
		int lifecycles = this.settings.lifecycles();
		int warmUp = this.settings.warmUp();
		List<PopulationBuilder> phases = new ArrayList<>();
		// (e) on the empty database comes first: everything later adds incidents.
		phases.add(measured("e warm-up (empty)", warmUp, get("warm-up list", SERVICE_DESK, LIST)));
		phases.add(measured("e list (empty)", requests, get("e list (empty)", SERVICE_DESK, LIST)));
		phases.add(measured("e search (empty)", requests, get("e search (empty)", SERVICE_DESK, SEARCH)));
		// (a) and (b): both sides warm up before either is measured.
		phases.add(measured("a warm-up", warmUp, rawStart("warm-up raw engine start"), report("warm-up report")));
		phases.add(measured("b warm-up", warmUp, rawLifecycle("warm-up raw engine lifecycle"),
				apiLifecycle("warm-up API lifecycle")));
		phases.add(fill("warm-up queued classifications", "/bench/drain/classifications"));
		phases.add(measured("a raw engine start", requests, rawStart("a raw engine start")));
		phases.add(measured("a report incident", requests, report("a report incident")));
		// A burst's classifications run after its reports are answered: the next phases
		// start when they are done (README "Reporting during an outage").
		phases.add(fill("a queued classifications", "/bench/drain/classifications"));
		phases.add(measured("b raw engine lifecycle", lifecycles, rawLifecycle("b raw engine lifecycle")));
		phases.add(measured("b API lifecycle", lifecycles, apiLifecycle("b API lifecycle")));
		phases.add(fill("b queued classifications", "/bench/drain/classifications"));
		// (d)
		phases.add(fill("fill knowledge articles", "/bench/fill/articles?count=" + this.settings.articles()));
		phases.add(measured("d warm-up", warmUp, search("warm-up raw Lucene search", "/bench/lucene/search"),
				search("warm-up knowledge search", "/api/v1/knowledge/search")));
		phases.add(measured("d raw Lucene search", requests, search("d raw Lucene search", "/bench/lucene/search")));
		phases.add(measured("d knowledge search", requests, search("d knowledge search", "/api/v1/knowledge/search")));
		// (e) again, filled
		phases.add(fill("fill incidents", "/bench/fill/incidents?count=" + this.settings.incidents()));
		phases.add(measured("e warm-up (filled)", warmUp, get("warm-up list", SERVICE_DESK, LIST),
				get("warm-up search", SERVICE_DESK, SEARCH)));
		phases.add(measured("e list (filled)", requests, get("e list (filled)", SERVICE_DESK, LIST)));
		phases.add(measured("e search (filled)", requests, get("e search (filled)", SERVICE_DESK, SEARCH)));
		return phases;
	}

	/**
	 * A phase: the clients start at once and each runs its share of the loop, until done
	 * or until the phase's time is up.
	 */
	private PopulationBuilder measured(String name, int total, ChainBuilder... steps) {
		int perClient = this.settings.perClient(total);
		ScenarioBuilder scenario = scenario(name)
			.exec(session -> session.set("caller", CALLERS.get((int) (session.userId() % CALLERS.size()))))
			.exec(asLongAsDuring(session -> session.getInt("i") < perClient, this.settings.phaseLimit(), "i")
				.on(exec(List.of(steps))));
		return scenario.injectOpen(atOnceUsers(this.settings.clients()));
	}

	private PopulationBuilder fill(String name, String path) {
		return scenario(name)
			.exec(measure(name,
					http(name).post(path)
						.basicAuth(ADMIN, PASSWORD)
						.requestTimeout(this.settings.fillLimit())
						.check(status().is(200))))
			.injectOpen(atOnceUsers(1));
	}

	private static PopulationBuilder sequence(List<PopulationBuilder> phases) {
		PopulationBuilder next = phases.get(phases.size() - 1);
		for (int i = phases.size() - 2; i >= 0; i--) {
			next = phases.get(i).andThen(next);
		}
		return next;
	}

	private ChainBuilder get(String name, String user, String path) {
		return measure(name,
				http(name).get(path).basicAuth(user, PASSWORD).check(status().is(200), jsonPath("$.items").exists()));
	}

	private ChainBuilder report(String name) {
		return measure(name,
				http(name).post("/api/v1/incidents")
					.basicAuth("#{caller}", PASSWORD)
					.body(StringBody(REPORT))
					.check(status().is(201), jsonPath("$.number").saveAs("number")));
	}

	private ChainBuilder rawStart(String name) {
		return exec(session -> session.set("businessKey", "raw-" + session.userId() + "-" + System.nanoTime()))
			.exec(measure(name,
					http(name).post("/engine-rest/process-definition/key/BenchmarkRawStart/start")
						.basicAuth(ADMIN, PASSWORD)
						.body(StringBody(RAW_START))
						.check(status().is(200), jsonPath("$.id").saveAs("processInstance"))));
	}

	/**
	 * Report as the caller, the service desk resolves at triage, the caller confirms,
	 * which closes the incident.
	 */
	private ChainBuilder apiLifecycle(String name) {
		return lifecycle(name, report(name + ": report"),
				measure(name + ": resolve",
						http(name + ": resolve").post("/api/v1/incidents/#{number}/resolve")
							.basicAuth(SERVICE_DESK, PASSWORD)
							.body(StringBody(RESOLUTION))
							.check(status().is(204))),
				measure(name + ": confirm",
						http(name + ": confirm").post("/api/v1/incidents/#{number}/resolution")
							.basicAuth("#{caller}", PASSWORD)
							.body(StringBody("{\"accepted\": true}"))
							.check(status().is(204))));
	}

	/**
	 * Start, find the first user task, complete it, find the second, complete it: what a
	 * client of the raw engine does for the same shape.
	 */
	private ChainBuilder rawLifecycle(String name) {
		return lifecycle(name, exec(
				session -> session.set("businessKey", "raw-" + session.userId() + "-" + System.nanoTime()))
			.exec(measure(name + ": start",
					http(name + ": start").post("/engine-rest/process-definition/key/BenchmarkRawLifecycle/start")
						.basicAuth(ADMIN, PASSWORD)
						.body(StringBody(RAW_START))
						.check(status().is(200), jsonPath("$.id").saveAs("processInstance")))),
				completeTask(name + ": first task"), completeTask(name + ": second task"));
	}

	private ChainBuilder completeTask(String name) {
		return exec(measure(name + " (find)",
				http(name + " (find)").get("/engine-rest/task?processInstanceId=#{processInstance}")
					.basicAuth(ADMIN, PASSWORD)
					.check(status().is(200), jsonPath("$[0].id").saveAs("task"))))
			.exec(doIf(BenchmarkSimulation::succeeded).then(measure(name,
					http(name).post("/engine-rest/task/#{task}/complete")
						.basicAuth(ADMIN, PASSWORD)
						.body(StringBody("{}"))
						.check(status().is(204)))));
	}

	/**
	 * The steps in order, each only if the one before succeeded; the whole counts as one
	 * lifecycle, timed from the first request to the last response, and shows in
	 * Gatling's report as a group.
	 */
	private ChainBuilder lifecycle(String name, ChainBuilder first, ChainBuilder... rest) {
		ChainBuilder steps = exec(
				session -> session.markAsSucceeded().set("lifecycleStart", System.currentTimeMillis()))
			.exec(first);
		for (ChainBuilder step : rest) {
			steps = steps.exec(doIf(BenchmarkSimulation::succeeded).then(step));
		}
		ChainBuilder timed = steps.exec(session -> {
			if (succeeded(session)) {
				this.results.span(name, session.getLong("lifecycleStart"), System.currentTimeMillis());
			}
			return session.markAsSucceeded();
		});
		return group(name).on(timed);
	}

	private ChainBuilder search(String name, String path) {
		return exec(session -> session.set("query",
				URLEncoder.encode(QUERIES.get((int) ((session.userId() + session.getInt("i")) % QUERIES.size())),
						StandardCharsets.UTF_8)))
			.exec(measure(name,
					http(name).get(path + "?q=#{query}&limit=10")
						.basicAuth("#{caller}", PASSWORD)
						.check(status().is(200), jsonPath("$[0]").exists())));
	}

	/**
	 * Sends the request and records its status and Gatling's response time; the status is
	 * saved before the checks that may fail, so a failure still says what came back.
	 */
	private ChainBuilder measure(String name, HttpRequestActionBuilder request) {
		List<CheckBuilder> recorded = List.of(status().saveAs("status"), responseTimeInMillis().saveAs("millis"));
		return exec(session -> session.markAsSucceeded().remove("status").remove("millis"))
			.exec(request.check(recorded))
			.exec(session -> {
				int status = session.contains("status") ? session.getInt("status") : 0;
				long millis = session.contains("millis") ? session.getInt("millis") : 0;
				this.results.request(name, status, millis, succeeded(session));
				return session;
			});
	}

	private static boolean succeeded(Session session) {
		return !session.isFailed();
	}

	/**
	 * Deploys the raw-engine baseline processes through Camunda's REST API, as any client
	 * of the engine would.
	 */
	private static void deployRawEngineProcesses(String baseUrl) {
		String boundary = "benchmark-" + System.nanoTime();
		StringBuilder body = new StringBuilder();
		for (Map.Entry<String, String> part : Map
			.of("deployment-name", "benchmark-raw-engine", "deploy-changed-only", "true", "enable-duplicate-filtering",
					"true")
			.entrySet()) {
			body.append("--")
				.append(boundary)
				.append("\r\nContent-Disposition: form-data; name=\"")
				.append(part.getKey())
				.append("\"\r\n\r\n")
				.append(part.getValue())
				.append("\r\n");
		}
		for (String process : List.of("BenchmarkRawStart", "BenchmarkRawLifecycle")) {
			body.append("--")
				.append(boundary)
				.append("\r\nContent-Disposition: form-data; name=\"")
				.append(process)
				.append("\"; filename=\"")
				.append(process)
				.append(".bpmn\"\r\nContent-Type: application/xml\r\n\r\n")
				.append(resource("/benchmark/" + process + ".bpmn"))
				.append("\r\n");
		}
		body.append("--").append(boundary).append("--\r\n");
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/engine-rest/deployment/create"))
			.header("Authorization",
					"Basic " + Base64.getEncoder()
						.encodeToString((ADMIN + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofString(body.toString()))
			.timeout(Duration.ofMinutes(1))
			.build();
		try {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(
						"Deploying the raw-engine baseline answered " + response.statusCode() + ": " + response.body());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String resource(String name) {
		try (InputStream in = BenchmarkSimulation.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException("Missing " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void after() {
		try {
			List<String> notes = new ArrayList<>();
			if ("smoke".equals(this.settings.size())) {
				notes.add("A smoke-size run (" + this.settings.clients() + " clients, " + this.settings.requests()
						+ " requests per side, " + this.settings.lifecycles() + " lifecycles per side), to keep the "
						+ "harness working: its figures say little about performance.");
			}
			String table = this.results.table(this.settings, this.comparisons, this.application.cpu(), notes);
			System.out.println();
			System.out.println(table);
			Results.write(this.settings.ratios(), table);
			String db = this.settings.db().name().toLowerCase(Locale.ROOT);
			Path perDatabase = this.settings.ratios()
				.resolveSibling(this.settings.ratios().getFileName().toString().replace(".md", "-" + db + ".md"));
			Results.write(perDatabase, table);
			System.out.println("BENCHMARK ratios written to " + this.settings.ratios() + " and " + perDatabase);
			this.results.failures()
				.forEach((name, statuses) -> System.out
					.println("BENCHMARK FAILED " + name + ": statuses seen " + statuses));
		}
		finally {
			this.application.close();
		}
	}

}

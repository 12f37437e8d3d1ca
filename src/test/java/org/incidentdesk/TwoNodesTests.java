package org.incidentdesk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.incidentdesk.knowledge.internal.KnowledgeUsageFolding;
import org.incidentdesk.notification.MailDelivery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes of Incident Desk on one PostgreSQL database, as behind a load balancer
 * without sticky sessions (issue 16; README "More than one node"): two application
 * contexts in this JVM, each with its own web server, scheduler and Camunda engine,
 * sharing a fresh database of their own on the embedded PostgreSQL and one GreenMail
 * (SMTP and the inbound IMAP mailbox). The nodes start one after the other, as a rolling
 * start would.
 * <p>
 * One thing is not as in production: Camunda keeps its engines in a registry per JVM, so
 * the two engines need different names (nodeA, nodeB; Camunda allows no hyphen), and each
 * node's webapps can reach both by name. A webapp sign-in is bound to the engine named in
 * its path, so the Tasklist scenario signs in to nodeA's engine on node A and calls the
 * same engine's path on node B; in production every node's engine is "default". What that
 * scenario proves is unchanged: node B's web server never saw the session and finds the
 * sign-in and the CSRF token in the database.
 * <p>
 * The scheduled runs are pushed out of reach ({@link TestMailServer#properties}); the
 * tests start each node's run at the same moment instead, which is what a schedule on
 * several nodes comes to at worst.
 */
class TwoNodesTests {

	private static final String PASSWORD = "demo";

	private static final Pattern PORTAL_CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static GreenMail greenMail;

	private static GreenMailUser mailbox;

	private static Node a;

	private static Node b;

	@BeforeAll
	static void start() {
		greenMail = new GreenMail(new ServerSetup[] { new ServerSetup(TestMailServer.freePort(), "127.0.0.1", "smtp"),
				new ServerSetup(TestMailServer.freePort(), "127.0.0.1", "imap") });
		greenMail.start();
		mailbox = TestMailServer.mailboxOn(greenMail);
		String database = freshDatabase();
		a = Node.start("nodeA", database);
		b = Node.start("nodeB", database);
	}

	@AfterAll
	static void stop() {
		if (b != null) {
			b.context().close();
		}
		if (a != null) {
			a.context().close();
		}
		if (greenMail != null) {
			greenMail.stop();
		}
	}

	@Test
	void aPortalSignInOnOneNodeIsHonouredOnTheOtherWithItsCsrfToken() {
		// Given alice has an incident, and signs in to the portal on node A
		String number = report(a, "alice", "Docking station flickers " + tag());
		Browser browser = new Browser();
		String session = browser.signInToPortal(a, "alice");
		String tokenFromA = browser.portalToken(browser.get(a, "/portal/incidents/" + number));

		// When the load balancer sends her next requests to node B
		HttpResponse<String> list = browser.get(b, "/portal/incidents");

		// Then node B serves her pages, signed in
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.body()).contains(number);

		// And takes her form with the CSRF token that node A's page carried
		String comment = "Still flickering " + tag();
		HttpResponse<String> posted = browser.post(b, "/portal/incidents/" + number + "/comments",
				Map.of("body", comment, "_csrf", tokenFromA));
		assertThat(posted.statusCode()).as(posted.body()).isEqualTo(302);
		assertThat(posted.headers().firstValue("Location").orElse("")).doesNotContain("/login");
		// while a form without it is refused there
		assertThat(browser.post(b, "/portal/incidents/" + number + "/comments", Map.of("body", "forged")).statusCode())
			.isEqualTo(403);

		// And the notice of that post (a flash attribute in the session) shows on node A
		HttpResponse<String> page = browser.get(a, "/portal/incidents/" + number);
		assertThat(page.body()).contains(comment).contains("Your comment was added.").doesNotContain("forged");

		// And the session keeps the timeout of a single node: 30 minutes
		assertThat(a.jdbc()
			.sql("select max_inactive_interval from spring_session where session_id = :id")
			.param("id", sessionId(session))
			.query(Integer.class)
			.single()).isEqualTo(30 * 60);
	}

	@Test
	void aTasklistSignInOnOneNodeIsHonouredOnTheOtherWithItsCsrfToken() {
		// Given sam signs in to Tasklist on node A, and fetches the webapps' CSRF token
		// there
		Browser browser = new Browser();
		HttpResponse<String> start = browser.get(a, "/camunda/app/tasklist/nodeA/");
		String xsrf = browser.cookie("XSRF-TOKEN");
		assertThat(xsrf).as("XSRF-TOKEN from " + start.headers().map()).isNotNull();
		HttpResponse<String> login = browser.post(a, "/camunda/api/admin/auth/user/nodeA/login/tasklist",
				Map.of("username", "sam", "password", PASSWORD), "X-XSRF-TOKEN", xsrf);
		assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
		browser.get(a, "/camunda/api/admin/auth/user/nodeA");
		String token = browser.cookie("XSRF-TOKEN");

		// When his next requests go to node B
		HttpResponse<String> user = browser.get(b, "/camunda/api/admin/auth/user/nodeA");
		HttpResponse<String> filters = browser.get(b, "/camunda/api/engine/engine/nodeA/filter");
		HttpResponse<String> tasks = browser.sendJson(b, "POST", "/camunda/api/engine/engine/nodeA/task", "{}",
				"X-XSRF-TOKEN", token);

		// Then node B knows him, serves Tasklist's calls, and takes node A's CSRF token
		assertThat(user.statusCode()).isEqualTo(200);
		assertThat(user.body()).contains("\"userId\":\"sam\"").contains("tasklist");
		assertThat(filters.statusCode()).isEqualTo(200);
		assertThat(filters.body()).contains("Service desk");
		assertThat(tasks.statusCode()).as(tasks.body()).isEqualTo(200);
		assertThat(tasks.body()).startsWith("[");
		// while the same call without the token is refused there
		assertThat(browser.sendJson(b, "POST", "/camunda/api/engine/engine/nodeA/task", "{}").statusCode())
			.isEqualTo(403);
	}

	@Test
	void expiredSessionsAreDeletedWhenBothNodesCleanUpAtOnce() throws Exception {
		// Given a portal session that has expired
		Browser browser = new Browser();
		String session = sessionId(browser.signInToPortal(a, "bob"));
		a.jdbc().sql("update spring_session set expiry_time = 0 where session_id = :id").param("id", session).update();

		// When both nodes run Spring Session's cleanup at the same moment
		atOnce(node -> {
			node.context().getBean(JdbcIndexedSessionRepository.class).cleanUpExpiredSessions();
			return 0;
		});

		// Then the session and its attributes are gone, and neither node takes the cookie
		assertThat(a.jdbc()
			.sql("select count(*) from spring_session where session_id = :id")
			.param("id", session)
			.query(Long.class)
			.single()).isZero();
		assertThat(a.jdbc()
			.sql("select count(*) from spring_session_attributes where session_primary_id not in"
					+ " (select primary_id from spring_session)")
			.query(Long.class)
			.single()).isZero();
		HttpResponse<String> refused = browser.get(b, "/portal/incidents");
		assertThat(refused.statusCode()).isEqualTo(302);
		assertThat(refused.headers().firstValue("Location").orElse("")).endsWith("/login");
	}

	@Test
	void bothNodesDeliveringOneOutboxSendEachNotificationOnce() throws Exception {
		// Given an incident, and 30 notifications about it to 30 people, all due
		String number = report(a, "alice", "Printer jams on page two " + tag());
		long incidentId = a.jdbc()
			.sql("select id from incident where number = :number")
			.param("number", number)
			.query(Long.class)
			.single();
		String run = tag();
		IdentityService identity = a.context().getBean(IdentityService.class);
		List<String> addresses = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			String userId = "reader-" + run + "-" + i;
			User user = identity.newUser(userId);
			user.setFirstName("Reader");
			user.setLastName(String.valueOf(i));
			user.setEmail(userId + "@acme.example");
			identity.saveUser(user);
			addresses.add(user.getEmail());
			a.jdbc()
				.sql("""
						insert into notification (incident_id, kind, recipient_type, recipient, subject, message, status,
						    created_at)
						values (:incident, 'UPDATED', 'USER', :user, :subject, 'A note for everyone.', 'PENDING',
						    current_timestamp)""")
				.param("incident", incidentId)
				.param("user", userId)
				.param("subject", "Note on " + number)
				.update();
		}

		// When both nodes deliver the outbox at the same moment, twice
		int claimed = atOnce(node -> node.context().getBean(MailDelivery.class).deliverDue())
				+ atOnce(node -> node.context().getBean(MailDelivery.class).deliverDue());

		// Then each notification went out once: one mail per person, every row sent
		assertThat(claimed).isGreaterThanOrEqualTo(30);
		Map<String, Long> mailsPerAddress = mailsAbout(number).stream()
			.flatMap(mail -> recipients(mail).stream())
			.filter(addresses::contains)
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
		assertThat(mailsPerAddress).hasSize(30).allSatisfy((address, count) -> assertThat(count).isEqualTo(1));
		assertThat(a.jdbc()
			.sql("select count(*) from notification where incident_id = :incident and status <> 'SENT'")
			.param("incident", incidentId)
			.query(Long.class)
			.single()).isZero();
		// and the caller's "registered" mail, queued by the report, once too
		assertThat(mailsAbout(number).stream()
			.filter(mail -> recipients(mail).contains("alice@acme.example"))
			.filter(mail -> subject(mail).contains("Your incident was registered"))).hasSize(1);
	}

	@Test
	void bothNodesReadingOneMailboxMakeOneIncidentAndOneReplyPerMessage() throws Exception {
		// Given eight mails of a caller and two of a stranger in the inbound mailbox
		String run = tag();
		List<String> subjects = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			subjects.add("Scanner " + i + " is offline " + run);
			deliver("alice@acme.example", subjects.get(i));
		}
		String stranger = "stranger-" + run + "@elsewhere.example";
		deliver(stranger, "Please help " + run + " (1)");
		deliver(stranger, "Please help " + run + " (2)");

		// When both nodes read the mailbox at the same moment, then once more each, and
		// both deliver the outbox at the same moment
		atOnce(node -> ReflectionTestUtils.invokeMethod(node.context().getBean("mailboxPoller"), "poll"));
		atOnce(node -> ReflectionTestUtils.invokeMethod(node.context().getBean("mailboxPoller"), "poll"));
		atOnce(node -> node.context().getBean(MailDelivery.class).deliverDue());

		// Then each of alice's mails opened one incident, and she got one "registered"
		// mail for each
		for (String subject : subjects) {
			List<String> numbers = a.jdbc()
				.sql("select number from incident where summary = :summary")
				.param("summary", subject)
				.query(String.class)
				.list();
			assertThat(numbers).as(subject).hasSize(1);
			assertThat(mailsAbout(numbers.get(0)).stream()
				.filter(mail -> recipients(mail).contains("alice@acme.example"))
				.filter(mail -> subject(mail).contains("Your incident was registered"))).as(subject).hasSize(1);
		}
		// And the stranger got one refusal per mail, and no incident
		assertThat(mails().stream().filter(mail -> recipients(mail).contains(stranger))).hasSize(2);
		assertThat(a.jdbc()
			.sql("select count(*) from incident where summary like :run")
			.param("run", "Please help " + run + "%")
			.query(Long.class)
			.single()).isZero();
		// And every message was recorded once
		assertThat(a.jdbc()
			.sql("select count(*) from inbound_mail_message where sender in ('alice@acme.example', :stranger)"
					+ " and processed_at is not null and message_id like :run")
			.param("stranger", stranger)
			.param("run", "%" + run + "%")
			.query(Long.class)
			.single()).isEqualTo(10);
	}

	@Test
	void theSameIdempotencyKeyOnBothNodesAtOnceMakesOneIncident() throws Exception {
		for (int round = 0; round < 4; round++) {
			// Given one report with one Idempotency-Key
			String summary = "Wi-Fi drops in room " + round + " " + tag();
			String key = UUID.randomUUID().toString();
			String body = "{\"summary\":\"" + summary
					+ "\",\"category\":\"network\",\"impact\":\"LOW\",\"urgency\":\"LOW\"}";

			// When the client's retry reaches the other node while the first attempt runs
			List<HttpResponse<String>> answers = atOnceList(node -> new Browser().sendJson(node, "POST",
					"/api/v1/incidents", body, "Authorization", basic("alice"), "Idempotency-Key", key));

			// Then both answer with the same incident, and there is one
			assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201));
			assertThat(answers.stream().map(answer -> number(answer.body())).distinct()).hasSize(1);
			assertThat(
					answers.stream().filter(answer -> answer.headers().firstValue("Idempotent-Replayed").isPresent()))
				.hasSize(1);
			assertThat(a.jdbc()
				.sql("select count(*) from incident where summary = :summary")
				.param("summary", summary)
				.query(Long.class)
				.single()).isEqualTo(1);
		}
	}

	@Test
	void theSameAlertOnBothNodesAtOnceOpensOneIncident() throws Exception {
		// Given a monitoring service account of acme with a token
		String account = "monitoring-" + tag();
		IdentityService identity = a.context().getBean(IdentityService.class);
		User user = identity.newUser(account);
		user.setFirstName("Monitoring");
		user.setLastName("acme");
		identity.saveUser(user);
		identity.createTenantUserMembership("acme", account);
		HttpResponse<String> issued = new Browser().sendJson(a, "POST", "/api/v1/admin/api-tokens",
				"{\"tenantId\":\"acme\",\"userId\":\"" + account + "\",\"name\":\"Alertmanager " + account + "\"}",
				"Authorization", basic("demo"));
		assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
		String token = field(issued.body(), "token");

		for (int round = 0; round < 4; round++) {
			// When two Alertmanager replicas deliver the same new alert to both nodes at
			// the same moment
			String fingerprint = "cluster" + round + tag().replace("-", "");
			String notification = """
					{"version":"4","groupKey":"{}:{alertname=\\"DiskFull\\"}","truncatedAlerts":0,"status":"firing",
					 "receiver":"incident-desk","groupLabels":{},"commonLabels":{},"commonAnnotations":{},
					 "externalURL":"http://alertmanager:9093","alerts":[{"status":"firing",
					 "labels":{"alertname":"DiskFull","severity":"critical","instance":"db-%s:9100"},
					 "annotations":{"summary":"Disk full"},"startsAt":"2026-03-02T08:00:00Z",
					 "endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prometheus:9090/graph",
					 "fingerprint":"%s"}]}""".formatted(round, fingerprint);
			List<HttpResponse<String>> answers = atOnceList(node -> new Browser().sendJson(node, "POST",
					"/api/v1/alerts", notification, "Authorization", "Bearer " + token));

			// Then one incident is opened, and the other delivery counts on it
			assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200));
			assertThat(answers.stream().map(answer -> number(answer.body())).distinct()).hasSize(1);
			assertThat(answers.stream().map(answer -> field(answer.body(), "action")))
				.containsExactlyInAnyOrder("OPENED", "REPEATED");
			assertThat(a.jdbc()
				.sql("select occurrences from alert_occurrence where tenant_id = 'acme' and fingerprint = :fp")
				.param("fp", fingerprint)
				.query(Integer.class)
				.list()).containsExactly(2);
		}
	}

	@Test
	void anArticleWrittenOnOneNodeIsFoundOnTheOtherAndItsUsesAreCountedOnce() throws Exception {
		// Given an agent publishes an article on node A
		String words = "Badge printer " + tag() + " prints blank cards";
		HttpResponse<String> created = new Browser().sendJson(a, "POST", "/api/v1/knowledge/articles", """
				{"kind":"ARTICLE","title":"%s","symptoms":"The cards come out blank.",
				 "resolution":"Replace the ribbon.","language":"en","visibility":"PUBLIC","state":"PUBLISHED"}"""
			.formatted(words), "Authorization", basic("sam"));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String article = field(created.body(), "number");

		// When node B's index catches up by itself (every node keeps its own index)
		// Then a caller finds it there
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(new Browser()
				.get(b, "/api/v1/knowledge/search?q=" + URLEncoder.encode(words, StandardCharsets.UTF_8),
						"Authorization", basic("alice"))
				.body()).contains(article));

		// And given 12,000 more uses of it recorded (finding it counted already), more
		// than two folds take
		long id = a.jdbc()
			.sql("select id from knowledge_article where number = :number")
			.param("number", article)
			.query(Long.class)
			.single();
		long before = a.jdbc()
			.sql("select usage_count + (select count(*) from knowledge_usage where article_id = :id)"
					+ " from knowledge_article where id = :id")
			.param("id", id)
			.query(Long.class)
			.single();
		a.jdbc()
			.sql("insert into knowledge_usage (article_id, used_at)"
					+ " select :id, current_timestamp from generate_series(1, 12000)")
			.param("id", id)
			.update();

		// When both nodes fold the uses into the counters at the same moment
		atOnce(node -> node.context().getBean(KnowledgeUsageFolding.class).fold());

		// Then each use was counted once
		assertThat(a.jdbc()
			.sql("select usage_count from knowledge_article where id = :id")
			.param("id", id)
			.query(Long.class)
			.single()).isEqualTo(before + 12000);
		assertThat(a.jdbc()
			.sql("select count(*) from knowledge_usage where article_id = :id")
			.param("id", id)
			.query(Long.class)
			.single()).isZero();
	}

	// --- the two nodes

	/** One node: its context, the port of its web server, and a way into the database. */
	record Node(ConfigurableApplicationContext context, int port, JdbcClient jdbc) {

		static Node start(String engineName, String database) {
			EmbeddedPostgres server = EmbeddedPostgresDatabase.server();
			Map<String, Object> properties = new HashMap<>(
					TestMailServer.properties(greenMail.getSmtp().getPort(), greenMail.getImap().getPort()));
			properties.put("spring.datasource.url", server.getJdbcUrl("postgres", database));
			properties.put("spring.datasource.username", "postgres");
			properties.put("spring.datasource.password", "postgres");
			properties.put("spring.datasource.hikari.connection-timeout", "5000");
			properties.put("camunda.bpm.process-engine-name", engineName);
			properties.put("server.port", "0");
			ConfigurableApplicationContext context = new SpringApplicationBuilder(IncidentDeskApplication.class)
				.profiles("test", "demo", "postgres")
				.initializers(app -> app.getEnvironment()
					.getPropertySources()
					.addFirst(new MapPropertySource("node " + engineName, properties)))
				.run();
			int port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
			return new Node(context, port, context.getBean(JdbcClient.class));
		}

		String url(String path) {
			return "http://localhost:" + this.port + path;
		}

	}

	private static String freshDatabase() {
		String database = "two_nodes_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
		try (Connection connection = EmbeddedPostgresDatabase.server().getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("create database " + database);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create the database " + database, ex);
		}
		return database;
	}

	/** Runs the work on both nodes at the same moment and adds up what they return. */
	private static int atOnce(Function<Node, Integer> work) throws Exception {
		return atOnceList(work).stream().mapToInt(Integer::intValue).sum();
	}

	private static <T> List<T> atOnceList(Function<Node, T> work) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		List<CompletableFuture<T>> runs = List.of(a, b).stream().map(node -> CompletableFuture.supplyAsync(() -> {
			try {
				start.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return work.apply(node);
		})).toList();
		start.countDown();
		List<T> results = new ArrayList<>();
		for (CompletableFuture<T> run : runs) {
			results.add(run.get(120, TimeUnit.SECONDS));
		}
		return results;
	}

	// --- requests and answers

	/**
	 * A browser: one cookie jar for both nodes, as one host name behind a load balancer.
	 */
	static final class Browser {

		private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

		private final Map<String, String> cookies = new LinkedHashMap<>();

		/** Signs in to the portal; returns the session cookie it ends with. */
		String signInToPortal(Node node, String user) {
			String token = portalToken(get(node, "/login"));
			HttpResponse<String> login = post(node, "/login",
					Map.of("username", user, "password", PASSWORD, "_csrf", token));
			assertThat(login.statusCode()).isEqualTo(302);
			assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
			return cookie("JSESSIONID");
		}

		String portalToken(HttpResponse<String> page) {
			Matcher token = PORTAL_CSRF.matcher(page.body());
			assertThat(token.find()).as("a form with a CSRF token in " + page.body()).isTrue();
			return token.group(1);
		}

		String cookie(String name) {
			return this.cookies.get(name);
		}

		HttpResponse<String> get(Node node, String path, String... headers) {
			return send(node, "GET", path, HttpRequest.BodyPublishers.noBody(), headers);
		}

		HttpResponse<String> post(Node node, String path, Map<String, String> form, String... headers) {
			String body = form.entrySet()
				.stream()
				.map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
				.collect(Collectors.joining("&"));
			return send(node, "POST", path, HttpRequest.BodyPublishers.ofString(body),
					concat(headers, "Content-Type", "application/x-www-form-urlencoded"));
		}

		HttpResponse<String> sendJson(Node node, String method, String path, String json, String... headers) {
			return send(node, method, path, HttpRequest.BodyPublishers.ofString(json),
					concat(headers, "Content-Type", "application/json", "Accept", "application/json"));
		}

		private HttpResponse<String> send(Node node, String method, String path, HttpRequest.BodyPublisher body,
				String... headers) {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.url(path))).method(method, body);
			if (headers.length > 0) {
				request.headers(headers);
			}
			if (!this.cookies.isEmpty()) {
				request.header("Cookie",
						this.cookies.entrySet()
							.stream()
							.map(cookie -> cookie.getKey() + "=" + cookie.getValue())
							.collect(Collectors.joining("; ")));
			}
			try {
				HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
				for (String header : response.headers().allValues("Set-Cookie")) {
					String pair = header.split(";", 2)[0];
					int equals = pair.indexOf('=');
					String value = pair.substring(equals + 1);
					if (value.isEmpty() || header.toLowerCase().contains("max-age=0")) {
						this.cookies.remove(pair.substring(0, equals));
					}
					else {
						this.cookies.put(pair.substring(0, equals), value);
					}
				}
				return response;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		private static String[] concat(String[] headers, String... more) {
			String[] all = new String[headers.length + more.length];
			System.arraycopy(headers, 0, all, 0, headers.length);
			System.arraycopy(more, 0, all, headers.length, more.length);
			return all;
		}

		private static String encode(String value) {
			return URLEncoder.encode(value, StandardCharsets.UTF_8);
		}

	}

	/** Reports an incident through node A's API; returns its number. */
	private static String report(Node node, String caller, String summary) {
		HttpResponse<String> created = new Browser().sendJson(node, "POST", "/api/v1/incidents",
				"{\"summary\":\"" + summary + "\",\"category\":\"hardware\",\"impact\":\"LOW\",\"urgency\":\"LOW\"}",
				"Authorization", basic(caller));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return number(created.body());
	}

	private static String basic(String user) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
	}

	private static String number(String json) {
		Matcher number = Pattern.compile("\"(?:number|incidentNumber)\":\"(INC\\d+)\"").matcher(json);
		assertThat(number.find()).as(json).isTrue();
		return number.group(1);
	}

	private static String field(String json, String name) {
		Matcher value = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
		assertThat(value.find()).as(name + " in " + json).isTrue();
		return value.group(1);
	}

	/** The id in the session table: Spring Session's cookie carries it in Base64. */
	private static String sessionId(String cookie) {
		return new String(Base64.getDecoder().decode(cookie), StandardCharsets.US_ASCII);
	}

	// --- mail

	private static void deliver(String from, String subject) throws MessagingException {
		MimeMessage mail = new MimeMessage(Session.getInstance(new java.util.Properties()));
		mail.setFrom(new InternetAddress(from));
		mail.setRecipients(Message.RecipientType.TO, TestMailServer.MAILBOX);
		mail.setSubject(subject, "UTF-8");
		mail.setText("Written for the two-node test.", "UTF-8");
		mail.saveChanges();
		mail.setHeader("Message-ID", "<" + UUID.randomUUID() + "." + subject.replaceAll("\\W+", "-") + "@test>");
		mailbox.deliver(mail);
	}

	private static List<MimeMessage> mails() {
		return List.of(greenMail.getReceivedMessages())
			.stream()
			.filter(mail -> !recipients(mail).contains(TestMailServer.MAILBOX))
			.toList();
	}

	private static List<MimeMessage> mailsAbout(String number) {
		return mails().stream().filter(mail -> subject(mail).contains(number)).toList();
	}

	private static List<String> recipients(MimeMessage mail) {
		try {
			jakarta.mail.Address[] to = mail.getRecipients(Message.RecipientType.TO);
			return (to != null) ? List.of(to).stream().map(address -> ((InternetAddress) address).getAddress()).toList()
					: List.of();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String subject(MimeMessage mail) {
		try {
			return String.valueOf(mail.getSubject());
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String tag() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

}

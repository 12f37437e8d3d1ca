package org.incidentdesk.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.incidentdesk.IncidentDeskTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The sign-in lock policy (README "Signing in"): each wrong password locks the account
 * for a while that doubles up to 15 minutes, never for good, and every sign-in surface
 * refuses a locked account alike, with 401. The engine's clock is frozen and moved, so no
 * test waits.
 */
@IncidentDeskTest
class LockoutTests {

	private static final String PASSWORD = "Right-Passw0rd!";

	private static final String WRONG = "Wrong-Passw0rd!";

	/** The lock after the 1st, 2nd, ... consecutive wrong password, in seconds. */
	private static final List<Long> DELAYS = List.of(3L, 6L, 12L, 24L, 48L, 96L, 192L, 384L, 768L, 900L, 900L);

	private static final Duration CAP = Duration.ofMinutes(15);

	@Autowired
	TestRestTemplate http;

	@Autowired
	IdentityService identity;

	@Autowired
	CredentialCache cache;

	@Autowired
	JdbcClient jdbc;

	@LocalServerPort
	int port;

	private String user;

	@BeforeEach
	void createUserAndFreezeTheClock() {
		ClockUtil.setCurrentTime(new Date());
		this.user = "lockout-" + UUID.randomUUID().toString().substring(0, 8);
		User created = this.identity.newUser(this.user);
		created.setFirstName("Lock");
		created.setLastName("Out");
		created.setPassword(PASSWORD);
		this.identity.saveUser(created);
	}

	@AfterEach
	void deleteUserAndResetTheClock() {
		ClockUtil.reset();
		this.identity.deleteUser(this.user);
	}

	@Test
	void eachWrongPasswordLocksTheAccountForLongerUpToFifteenMinutes() {
		for (long expected : DELAYS) {
			// When a wrong password is given while the account is not locked
			assertThat(apiStatus(WRONG)).isEqualTo(401);

			// Then the account is locked for the next step of the policy, and even the
			// right password is refused until the lock expires
			assertThat(Duration.between(now(), lockedUntil())).isEqualTo(Duration.ofSeconds(expected));
			moveClock(Duration.ofSeconds(expected).minusSeconds(1));
			assertThat(apiStatus(PASSWORD)).isEqualTo(401);
			moveClock(Duration.ofSeconds(1));
		}
		assertThat(attempts()).isEqualTo(DELAYS.size());
	}

	@Test
	void wrongPasswordsDuringALockNeitherCountNorLengthenIt() {
		// Given an account locked by a wrong password
		assertThat(apiStatus(WRONG)).isEqualTo(401);
		Instant until = lockedUntil();

		// When more wrong passwords come during the lock
		for (int i = 0; i < 20; i++) {
			assertThat(apiStatus(WRONG)).isEqualTo(401);
		}

		// Then they are refused without counting
		assertThat(attempts()).isEqualTo(1);
		assertThat(lockedUntil()).isEqualTo(until);
	}

	@Test
	void thirtyWrongPasswordsNeverLockTheAccountForGood() {
		// Given thirty wrong passwords, each given as soon as the lock before it expired
		for (int i = 0; i < 30; i++) {
			assertThat(apiStatus(WRONG)).isEqualTo(401);
			assertThat(Duration.between(now(), lockedUntil())).isLessThanOrEqualTo(CAP);
			moveClock(Duration.between(now(), lockedUntil()));
		}
		assertThat(apiStatus(WRONG)).isEqualTo(401);
		assertThat(attempts()).isEqualTo(31);

		// When the lock, capped at 15 minutes, is over
		assertThat(apiStatus(PASSWORD)).isEqualTo(401);
		moveClock(CAP);

		// Then the right password works, and the count starts again
		assertThat(apiStatus(PASSWORD)).isEqualTo(200);
		assertThat(attempts()).isZero();
		assertThat(lockedUntilOrNull()).isNull();
	}

	@Test
	void anAccountLockedForGoodByTheOldPolicySignsInAgain() {
		// Given an account Camunda's default policy locked for good: its tenth failed
		// attempt, whose own delay expired long ago
		this.jdbc.sql("update ACT_ID_USER set ATTEMPTS_ = 10, LOCK_EXP_TIME_ = :until where ID_ = :id")
			.param("until", Date.from(now().minus(Duration.ofDays(30))))
			.param("id", this.user)
			.update();

		// When its owner signs in with the right password
		// Then that works, and the failed attempts are forgotten
		assertThat(apiStatus(PASSWORD)).isEqualTo(200);
		assertThat(attempts()).isZero();
	}

	@Test
	void everySignInSurfaceRefusesALockedAccountWith401AndLetsItInWhenTheLockExpires() {
		// Given an account locked by a wrong password on /api/v1
		assertThat(apiStatus(WRONG)).isEqualTo(401);

		// Then the right password is refused on /api/v1 as a problem, on /engine-rest,
		// in the webapps' login and in the portal's login
		ResponseEntity<String> api = this.http.withBasicAuth(this.user, PASSWORD)
			.getForEntity("/api/v1/incidents", String.class);
		assertThat(api.getStatusCode().value()).isEqualTo(401);
		assertThat(this.http.withBasicAuth(this.user, PASSWORD)
			.getForEntity("/engine-rest/user/" + this.user + "/profile", String.class)
			.getStatusCode()
			.value()).isEqualTo(401);
		assertThat(WebappSession.signIn(this.http, "tasklist", this.user, PASSWORD).status()).isEqualTo(401);
		assertThat(portalSignIn(PASSWORD)).endsWith("/login?error");
		assertThat(attempts()).isEqualTo(1);

		// When the lock expires
		moveClock(Duration.ofSeconds(DELAYS.get(0)));

		// Then the right password works on each of them
		assertThat(apiStatus(PASSWORD)).isEqualTo(200);
		assertThat(this.http.withBasicAuth(this.user, PASSWORD)
			.getForEntity("/engine-rest/user/" + this.user + "/profile", String.class)
			.getStatusCode()
			.value()).isEqualTo(200);
		assertThat(WebappSession.signIn(this.http, "welcome", this.user, PASSWORD).status()).isEqualTo(200);
		assertThat(portalSignIn(PASSWORD)).endsWith("/portal");
	}

	@Test
	void wrongPasswordsOnEngineRestAndTheWebappsLockLikeOnApiV1() {
		// When a wrong password is given on /engine-rest, then in the webapps' login
		assertThat(this.http.withBasicAuth(this.user, WRONG)
			.getForEntity("/engine-rest/user/" + this.user + "/profile", String.class)
			.getStatusCode()
			.value()).isEqualTo(401);
		assertThat(Duration.between(now(), lockedUntil())).isEqualTo(Duration.ofSeconds(DELAYS.get(0)));
		moveClock(Duration.ofSeconds(DELAYS.get(0)));
		assertThat(WebappSession.signIn(this.http, "welcome", this.user, WRONG).status()).isEqualTo(401);

		// Then each counted, and /api/v1 refuses the right password during the lock
		assertThat(attempts()).isEqualTo(2);
		assertThat(Duration.between(now(), lockedUntil())).isEqualTo(Duration.ofSeconds(DELAYS.get(1)));
		assertThat(apiStatus(PASSWORD)).isEqualTo(401);
	}

	@Test
	void aRememberedSignInDoesNotLetALockedAccountIn() {
		// Given a sign-in remembered on this node
		assertThat(apiStatus(PASSWORD)).isEqualTo(200);
		assertThat(this.cache.find(this.user, PASSWORD)).isNotNull();

		// When a wrong password locks the account
		assertThat(apiStatus(WRONG)).isEqualTo(401);

		// Then the remembered sign-in is gone and the right password is refused
		assertThat(this.cache.find(this.user, PASSWORD)).isNull();
		assertThat(apiStatus(PASSWORD)).isEqualTo(401);
		assertThat(this.cache.find(this.user, PASSWORD)).isNull();
	}

	@Test
	void concurrentSignInsToOneAccountAreAnswered401Or200NeverAnError() throws Exception {
		// Given many sign-ins to one account at once, wrong and right, as the lock
		// expires
		List<Callable<Integer>> signIns = new ArrayList<>();
		for (int i = 0; i < 24; i++) {
			String password = (i % 3 == 0) ? PASSWORD : WRONG;
			signIns.add(() -> apiStatus(password));
		}
		ExecutorService clients = Executors.newFixedThreadPool(8);
		try {
			for (int round = 0; round < 3; round++) {
				List<Integer> statuses = new ArrayList<>();
				for (Future<Integer> status : clients.invokeAll(signIns)) {
					statuses.add(status.get());
				}

				// Then each is a sign-in or a refusal
				assertThat(statuses).allMatch(status -> status == 200 || status == 401);
				moveClock(CAP);
			}
		}
		finally {
			clients.shutdownNow();
		}
	}

	private int apiStatus(String password) {
		ResponseEntity<String> response = this.http.withBasicAuth(this.user, password)
			.getForEntity("/api/v1/incidents", String.class);
		if (response.getStatusCode().value() == 401) {
			assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(response.getBody()).contains("at most 15 minutes");
		}
		return response.getStatusCode().value();
	}

	/** Signs in to the portal as a browser does; where the login sends the browser. */
	private String portalSignIn(String password) {
		HttpClient browser = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		String base = "http://localhost:" + this.port;
		try {
			String page = browser
				.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(), HttpResponse.BodyHandlers.ofString())
				.body();
			Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
			assertThat(csrf.find()).as("the login page's CSRF token").isTrue();
			String form = "username=" + encode(this.user) + "&password=" + encode(password) + "&_csrf="
					+ encode(csrf.group(1));
			HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(login.statusCode()).isEqualTo(302);
			return login.headers().firstValue("Location").orElseThrow();
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	private UserEntity stored() {
		return (UserEntity) this.identity.createUserQuery().userId(this.user).singleResult();
	}

	private int attempts() {
		return stored().getAttempts();
	}

	private Instant lockedUntil() {
		Instant until = lockedUntilOrNull();
		assertThat(until).as("the account's lock").isNotNull();
		return until;
	}

	private Instant lockedUntilOrNull() {
		Date until = stored().getLockExpirationTime();
		return (until != null) ? until.toInstant() : null;
	}

	private static Instant now() {
		return ClockUtil.getCurrentTime().toInstant();
	}

	private static void moveClock(Duration by) {
		ClockUtil.setCurrentTime(Date.from(now().plus(by)));
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}

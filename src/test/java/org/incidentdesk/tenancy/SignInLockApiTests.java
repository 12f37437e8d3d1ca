package org.incidentdesk.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.incidentdesk.BothDatabases;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.system.CurrentUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Administrators see the sign-in locks that wrong passwords put on accounts and lift them
 * ({@code /api/v1/admin/users}); nobody else does. The engine's clock is frozen, so a
 * lock lasts exactly as the policy says.
 */
@IncidentDeskTest
class SignInLockApiTests {

	private static final String PASSWORD = "Right-Passw0rd!";

	private static final String WRONG = "Wrong-Passw0rd!";

	@Autowired
	TestRestTemplate http;

	@Autowired
	ObjectMapper json;

	@Autowired
	IdentityService identity;

	private String user;

	@BeforeEach
	void createUserAndFreezeTheClock() {
		ClockUtil.setCurrentTime(new Date());
		this.user = createUser("locked");
	}

	@AfterEach
	void resetTheClockAndDeleteTheUsers() {
		ClockUtil.reset();
		this.identity.createUserQuery()
			.list()
			.stream()
			.map(User::getId)
			.filter(id -> id.startsWith("signin-"))
			.forEach(this.identity::deleteUser);
	}

	@Test
	void anAdministratorSeesALockAndLiftsIt() throws Exception {
		// Given a user whose second wrong password in a row locked the account
		assertThat(signIn(this.user, WRONG)).isEqualTo(401);
		moveClock(Duration.ofSeconds(3));
		assertThat(signIn(this.user, WRONG)).isEqualTo(401);

		// When an administrator reads the user and the locked users
		JsonNode lock = read("/api/v1/admin/users/" + this.user).get("lock");
		JsonNode locked = read("/api/v1/admin/users?locked=true&size=200");

		// Then they see the failed attempts and until when the lock lasts
		assertThat(lock.get("locked").asBoolean()).isTrue();
		assertThat(lock.get("failedAttempts").asInt()).isEqualTo(2);
		assertThat(Instant.parse(lock.get("lockedUntil").asText())).isEqualTo(now().plusSeconds(6));
		assertThat(locked.findValuesAsText("id")).contains(this.user).doesNotContain("alice");

		// When the administrator lifts the lock
		assertThat(admin(HttpMethod.DELETE, "/api/v1/admin/users/" + this.user + "/lock").getStatusCode().value())
			.isEqualTo(204);

		// Then the user signs in at once, and the failed attempts are forgotten
		assertThat(signIn(this.user, PASSWORD)).isEqualTo(200);
		JsonNode lifted = read("/api/v1/admin/users/" + this.user).get("lock");
		assertThat(lifted.get("locked").asBoolean()).isFalse();
		assertThat(lifted.get("failedAttempts").asInt()).isZero();
		assertThat(lifted.has("lockedUntil")).isFalse();
		assertThat(read("/api/v1/admin/users?locked=true&size=200").findValuesAsText("id")).doesNotContain(this.user);
	}

	@Test
	void aUserAfterAnExpiredLockIsNotListedAsLockedButKeepsTheCount() throws Exception {
		// Given a lock that expired without a sign-in since
		assertThat(signIn(this.user, WRONG)).isEqualTo(401);
		moveClock(Duration.ofSeconds(3));

		// Then the user is not locked, and the next wrong password would lock for longer
		JsonNode lock = read("/api/v1/admin/users/" + this.user).get("lock");
		assertThat(lock.get("locked").asBoolean()).isFalse();
		assertThat(lock.get("failedAttempts").asInt()).isEqualTo(1);
		assertThat(read("/api/v1/admin/users?locked=true&size=200").findValuesAsText("id")).doesNotContain(this.user);
	}

	@Test
	void aLockedAdministratorWaitsAtMostFifteenMinutes() {
		// Given an administrator whose account got twelve wrong passwords, each as soon
		// as the lock before it was over
		String administrator = createUser("admin");
		this.identity.createMembership(administrator, CurrentUser.ADMINISTRATORS);
		for (int i = 0; i < 12; i++) {
			assertThat(signIn(administrator, WRONG)).isEqualTo(401);
			moveClock(lockedFor(administrator));
		}
		assertThat(signIn(administrator, WRONG)).isEqualTo(401);

		// Then the account is locked for 15 minutes, not for good
		assertThat(lockedFor(administrator)).isEqualTo(Duration.ofMinutes(15));
		assertThat(statusAs(administrator, PASSWORD, HttpMethod.GET, "/api/v1/admin/users/" + this.user))
			.isEqualTo(401);
		moveClock(Duration.ofMinutes(15));
		assertThat(statusAs(administrator, PASSWORD, HttpMethod.GET, "/api/v1/admin/users/" + this.user))
			.isEqualTo(200);
	}

	@Test
	void onlyAdministratorsSeeAndLiftLocks() throws Exception {
		// Given a locked user
		assertThat(signIn(this.user, WRONG)).isEqualTo(401);

		// Then the service desk, an incident manager and an auditor may neither read nor
		// lift the lock
		for (String other : List.of("sam", "ines", "audrey")) {
			assertThat(statusAs(other, "demo", HttpMethod.GET, "/api/v1/admin/users/" + this.user)).isEqualTo(403);
			assertThat(statusAs(other, "demo", HttpMethod.GET, "/api/v1/admin/users?locked=true")).isEqualTo(403);
			assertThat(statusAs(other, "demo", HttpMethod.DELETE, "/api/v1/admin/users/" + this.user + "/lock"))
				.isEqualTo(403);
			assertThat(statusAs(other, "demo", HttpMethod.POST, "/engine-rest/user/" + this.user + "/unlock"))
				.isEqualTo(403);
		}
		assertThat(read("/api/v1/admin/users/" + this.user).get("lock").get("locked").asBoolean()).isTrue();

		// And an unknown user or a bad page is refused with a reason
		ResponseEntity<String> unknown = admin(HttpMethod.DELETE, "/api/v1/admin/users/signin-nobody/lock");
		assertThat(unknown.getStatusCode().value()).isEqualTo(404);
		assertThat(unknown.getBody()).contains("There is no user 'signin-nobody'");
		assertThat(admin(HttpMethod.GET, "/api/v1/admin/users/signin-nobody").getStatusCode().value()).isEqualTo(404);
		assertThat(admin(HttpMethod.GET, "/api/v1/admin/users?size=1000").getStatusCode().value()).isEqualTo(400);
	}

	@Test
	void camundasOwnUnlockStillLiftsALockForAdministrators() {
		// Given a locked user
		assertThat(signIn(this.user, WRONG)).isEqualTo(401);

		// When an administrator unlocks the user through Camunda's REST API
		assertThat(admin(HttpMethod.POST, "/engine-rest/user/" + this.user + "/unlock").getStatusCode().value())
			.isEqualTo(204);

		// Then the user signs in at once
		assertThat(signIn(this.user, PASSWORD)).isEqualTo(200);
	}

	@Test
	void usersAreListedByIdAPageAtATime() throws Exception {
		JsonNode first = read("/api/v1/admin/users?size=2");
		JsonNode second = read("/api/v1/admin/users?page=1&size=2");

		assertThat(first.size()).isEqualTo(2);
		assertThat(first.get(0).get("id").asText()).isLessThan(first.get(1).get("id").asText());
		assertThat(first.get(1).get("id").asText()).isLessThan(second.get(0).get("id").asText());
		assertThat(read("/api/v1/admin/users/alice").get("tenants").get(0).asText()).isEqualTo("acme");
	}

	@BothDatabases
	@Test
	void aLockedUserIsListedAndFreedWhenTheLockExpires() throws Exception {
		// Given a user locked by a wrong password, with the clock frozen
		ClockUtil.setCurrentTime(new Date());
		this.user = "signin-pg-" + UUID.randomUUID().toString().substring(0, 8);
		User created = this.identity.newUser(this.user);
		created.setFirstName("Sign");
		created.setLastName("In");
		created.setPassword(PASSWORD);
		this.identity.saveUser(created);
		assertThat(statusAs(this.user, "Wrong-Passw0rd!", HttpMethod.GET, "/api/v1/incidents")).isEqualTo(401);

		// Then administrators find it among the locked users, and it is refused
		JsonNode locked = this.json.readTree(admin(HttpMethod.GET, "/api/v1/admin/users?locked=true").getBody());
		assertThat(locked.findValuesAsText("id")).contains(this.user);
		assertThat(statusAs(this.user, PASSWORD, HttpMethod.GET, "/api/v1/incidents")).isEqualTo(401);

		// When the lock expires
		ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofSeconds(3))));

		// Then it is no longer listed, and the right password works
		JsonNode after = this.json.readTree(admin(HttpMethod.GET, "/api/v1/admin/users?locked=true").getBody());
		assertThat(after.findValuesAsText("id")).doesNotContain(this.user);
		assertThat(statusAs(this.user, PASSWORD, HttpMethod.GET, "/api/v1/incidents")).isEqualTo(200);
	}

	private String createUser(String kind) {
		String id = "signin-" + kind + "-" + UUID.randomUUID().toString().substring(0, 8);
		User created = this.identity.newUser(id);
		created.setFirstName("Sign");
		created.setLastName("In");
		created.setPassword(PASSWORD);
		this.identity.saveUser(created);
		return id;
	}

	private Duration lockedFor(String userId) {
		try {
			String until = read("/api/v1/admin/users/" + userId).get("lock").get("lockedUntil").asText();
			return Duration.between(now(), Instant.parse(until));
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
	}

	private int signIn(String userId, String password) {
		return statusAs(userId, password, HttpMethod.GET, "/api/v1/incidents");
	}

	private JsonNode read(String path) throws Exception {
		ResponseEntity<String> response = admin(HttpMethod.GET, path);
		assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
		return this.json.readTree(response.getBody());
	}

	private ResponseEntity<String> admin(HttpMethod method, String path) {
		return as("demo", "demo", method, path);
	}

	private int statusAs(String userId, String password, HttpMethod method, String path) {
		return as(userId, password, method, path).getStatusCode().value();
	}

	private ResponseEntity<String> as(String userId, String password, HttpMethod method, String path) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth(userId, password);
		headers.setContentType(MediaType.APPLICATION_JSON);
		return this.http.exchange(path, method, new HttpEntity<>(headers), String.class);
	}

	private static Instant now() {
		return ClockUtil.getCurrentTime().toInstant();
	}

	private static void moveClock(Duration by) {
		ClockUtil.setCurrentTime(Date.from(now().plus(by)));
	}

}

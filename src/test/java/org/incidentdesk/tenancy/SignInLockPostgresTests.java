package org.incidentdesk.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Date;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.incidentdesk.PostgresTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * Sign-in locks on a real PostgreSQL: the lock policy, and the list of locked users,
 * which is a native query on Camunda's user table.
 */
@PostgresTest
class SignInLockPostgresTests {

	private static final String PASSWORD = "Right-Passw0rd!";

	@Autowired
	TestRestTemplate http;

	@Autowired
	ObjectMapper json;

	@Autowired
	IdentityService identity;

	private String user;

	@AfterEach
	void resetTheClockAndDeleteTheUser() {
		ClockUtil.reset();
		this.identity.deleteUser(this.user);
	}

	@Test
	void aLockedUserIsListedAndFreedOnPostgresql() throws Exception {
		// Given a user locked by a wrong password, with the clock frozen
		ClockUtil.setCurrentTime(new Date());
		this.user = "signin-pg-" + UUID.randomUUID().toString().substring(0, 8);
		User created = this.identity.newUser(this.user);
		created.setFirstName("Sign");
		created.setLastName("In");
		created.setPassword(PASSWORD);
		this.identity.saveUser(created);
		assertThat(status(this.user, "Wrong-Passw0rd!", HttpMethod.GET, "/api/v1/incidents")).isEqualTo(401);

		// Then administrators find it among the locked users, and it is refused
		JsonNode locked = this.json.readTree(admin(HttpMethod.GET, "/api/v1/admin/users?locked=true").getBody());
		assertThat(locked.findValuesAsText("id")).contains(this.user);
		assertThat(status(this.user, PASSWORD, HttpMethod.GET, "/api/v1/incidents")).isEqualTo(401);

		// When the lock expires
		ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofSeconds(3))));

		// Then it is no longer listed, and the right password works
		JsonNode after = this.json.readTree(admin(HttpMethod.GET, "/api/v1/admin/users?locked=true").getBody());
		assertThat(after.findValuesAsText("id")).doesNotContain(this.user);
		assertThat(status(this.user, PASSWORD, HttpMethod.GET, "/api/v1/incidents")).isEqualTo(200);
	}

	private ResponseEntity<String> admin(HttpMethod method, String path) {
		return as("demo", "demo", method, path);
	}

	private int status(String userId, String password, HttpMethod method, String path) {
		return as(userId, password, method, path).getStatusCode().value();
	}

	private ResponseEntity<String> as(String userId, String password, HttpMethod method, String path) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth(userId, password);
		return this.http.exchange(path, method, new HttpEntity<>(headers), String.class);
	}

}

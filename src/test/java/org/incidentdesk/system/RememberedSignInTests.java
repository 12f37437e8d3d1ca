package org.incidentdesk.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.incidentdesk.IncidentDeskTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * Remembered HTTP Basic sign-ins ({@link CredentialCache}) never outlive a change made in
 * Camunda's identity service: the next request sees it.
 */
@IncidentDeskTest
class RememberedSignInTests {

	private static final String USER = "remembered-signin";

	private static final String PASSWORD = "First-Passw0rd!";

	@Autowired
	TestRestTemplate http;

	@Autowired
	IdentityService identity;

	@Autowired
	CredentialCache cache;

	@AfterEach
	void deleteUser() {
		this.identity.deleteUser(USER);
	}

	@Test
	void aSuccessfulSignInIsRememberedAndTheSameRequestStillWorks() {
		createUser();

		assertThat(status(USER, PASSWORD, "/api/v1/incidents")).isEqualTo(200);
		assertThat(this.cache.find(USER, PASSWORD)).isNotNull();
		assertThat(status(USER, PASSWORD, "/api/v1/incidents")).isEqualTo(200);
	}

	@Test
	void aChangedPasswordTakesEffectWithTheNextRequest() {
		// Given a user whose sign-in is remembered
		createUser();
		assertThat(status(USER, PASSWORD, "/api/v1/incidents")).isEqualTo(200);

		// When an administrator changes the password
		User user = this.identity.createUserQuery().userId(USER).singleResult();
		user.setPassword("Second-Passw0rd!");
		this.identity.saveUser(user);

		// Then the new password works and the old one is refused at once (in this
		// order: after a wrong password Camunda delays the user's next sign-in for
		// a few seconds)
		assertThat(status(USER, "Second-Passw0rd!", "/api/v1/incidents")).isEqualTo(200);
		assertThat(status(USER, PASSWORD, "/api/v1/incidents")).isEqualTo(401);
	}

	@Test
	void aRemovedMembershipTakesEffectWithTheNextRequest() {
		// Given an administrator whose sign-in is remembered
		createUser();
		this.identity.createMembership(USER, CurrentUser.ADMINISTRATORS);
		assertThat(status(USER, PASSWORD, "/actuator/metrics")).isEqualTo(200);

		// When the user leaves the administrators
		this.identity.deleteMembership(USER, CurrentUser.ADMINISTRATORS);

		// Then the next request no longer has the group
		assertThat(status(USER, PASSWORD, "/actuator/metrics")).isEqualTo(403);
	}

	@Test
	void aDeletedUserIsRefusedWithTheNextRequest() {
		createUser();
		assertThat(status(USER, PASSWORD, "/api/v1/incidents")).isEqualTo(200);

		this.identity.deleteUser(USER);

		assertThat(status(USER, PASSWORD, "/api/v1/incidents")).isEqualTo(401);
	}

	@Test
	void aWrongPasswordIsRefusedAndForgetsTheRememberedSignIn() {
		createUser();
		assertThat(status(USER, PASSWORD, "/api/v1/incidents")).isEqualTo(200);

		assertThat(status(USER, "Wrong-Passw0rd!", "/api/v1/incidents")).isEqualTo(401);

		// Camunda counts the failed attempt and may lock the user, so the next sign-in
		// asks it again
		assertThat(this.cache.find(USER, PASSWORD)).isNull();
	}

	private void createUser() {
		User user = this.identity.newUser(USER);
		user.setFirstName("Remembered");
		user.setLastName("Sign-in");
		user.setPassword(PASSWORD);
		this.identity.saveUser(user);
	}

	private int status(String user, String password, String path) {
		return this.http.withBasicAuth(user, password).getForEntity(path, String.class).getStatusCode().value();
	}

}

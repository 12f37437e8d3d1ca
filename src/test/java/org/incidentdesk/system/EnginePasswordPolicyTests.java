package org.incidentdesk.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * A password Camunda's password policy refuses is a 400 naming the broken rules in
 * Camunda's REST API and in the Admin webapp, as in the administration API, not a 500
 * "Password does not match policy". The policy is on, as in production: no demo profile.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:engine-password-policy;DB_CLOSE_DELAY=-1",
				"camunda.bpm.admin-user.id=root",
				"camunda.bpm.admin-user.password=" + EnginePasswordPolicyTests.PASSWORD })
@ActiveProfiles("test")
// Camunda's webapps find their engine by name in a static registry; closing this context
// afterwards clears it for the next.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class EnginePasswordPolicyTests {

	static final String PASSWORD = "Kx7#mP2$wQ9!zR";

	private static final String WEAK = "password";

	@Autowired
	TestRestTemplate http;

	@Autowired
	ObjectMapper json;

	@Test
	void aWeakPasswordOfANewUserIsRefusedWithTheRulesItBreaks() throws Exception {
		// When an administrator creates a user with a weak password through Camunda's
		// REST API
		ResponseEntity<String> answer = engineRest(HttpMethod.POST, "/user/create", newUser("weak-rest", WEAK));

		// Then it is refused with the broken rules, and there is no such user
		assertRefused(answer);
		assertThat(count("weak-rest")).isZero();
	}

	@Test
	void aWeakNewPasswordIsRefusedWithTheRulesItBreaks() throws Exception {
		// Given a user with a good password
		assertThat(engineRest(HttpMethod.POST, "/user/create", newUser("renewer", PASSWORD)).getStatusCode().value())
			.isEqualTo(204);

		// When an administrator gives them a weak one
		ResponseEntity<String> answer = engineRest(HttpMethod.PUT, "/user/renewer/credentials",
				Map.of("password", "renewer", "authenticatedUserPassword", PASSWORD));

		// Then it is refused with the broken rules, the user's data among them, and the
		// old password still works
		assertRefused(answer);
		assertThat(answer.getBody()).contains("must not contain the user's id");
		assertThat(engineRest(HttpMethod.POST, "/identity/verify", Map.of("username", "renewer", "password", PASSWORD))
			.getBody()).contains("\"authenticated\":true");
	}

	@Test
	void aWeakPasswordIsRefusedInTheAdminWebapp() throws Exception {
		// Given the administrator signed in to Admin
		WebappSession admin = WebappSession.signIn(this.http, "admin", "root", PASSWORD);
		assertThat(admin.status()).isEqualTo(200);

		// When they create a user with a weak password
		ResponseEntity<String> answer = admin.send(HttpMethod.POST, "/camunda/api/engine/engine/default/user/create",
				this.json.writeValueAsString(newUser("weak-admin", WEAK)));

		// Then it is refused with the broken rules, and there is no such user
		assertRefused(answer);
		assertThat(count("weak-admin")).isZero();
	}

	private void assertRefused(ResponseEntity<String> answer) throws Exception {
		assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(400);
		JsonNode body = this.json.readTree(answer.getBody());
		assertThat(body.get("message").asText()).startsWith("The password does not meet the password policy: ")
			.contains("upper-case")
			.contains("digit")
			.contains("special");
	}

	private static Map<String, Object> newUser(String id, String password) {
		return Map.of("profile",
				Map.of("id", id, "firstName", "Test", "lastName", "User", "email", id + "@policy.example"),
				"credentials", Map.of("password", password));
	}

	private int count(String id) throws Exception {
		return this.json.readTree(engineRest(HttpMethod.GET, "/user/count?id=" + id, null).getBody())
			.get("count")
			.asInt();
	}

	private ResponseEntity<String> engineRest(HttpMethod method, String path, Object body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth("root", PASSWORD);
		headers.setContentType(MediaType.APPLICATION_JSON);
		return this.http.exchange("/engine-rest" + path, method, new HttpEntity<>(body, headers), String.class);
	}

}

package org.incidentdesk.alert;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.incidentdesk.IncidentDeskTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.incidentdesk.alert.AlertClients.LIST;
import static org.incidentdesk.alert.AlertClients.MAP;
import static org.incidentdesk.alert.AlertClients.firing;
import static org.incidentdesk.alert.AlertClients.notification;

/** Who gets API tokens, and what a token opens. */
@IncidentDeskTest
class ApiTokenTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	IdentityService identity;

	@Autowired
	JdbcClient jdbc;

	AlertClients clients;

	String account;

	@BeforeEach
	void serviceAccount() {
		this.clients = new AlertClients(this.http, this.identity);
		this.account = this.clients.serviceAccount("prometheus-acme", "acme");
	}

	@Test
	void anAdministratorGetsTheTokenOnceAndOnlyItsHashIsStored() {
		// When the administrator creates a token
		IssuedToken issued = this.clients.token("acme", this.account);

		// Then the token is random, recognisable, and stored only as its SHA-256
		assertThat(issued.token()).startsWith("idk_").hasSizeGreaterThanOrEqualTo(4 + 43);
		assertThat(this.jdbc.sql("select token_hash from api_token where id = :id")
			.param("id", issued.id())
			.query(String.class)
			.single()).isEqualTo(ApiTokens.hash(issued.token())).isNotEqualTo(issued.token());
		// and listing the tenant's tokens shows no secret
		ResponseEntity<List<Map<String, Object>>> listed = asAdmin().exchange("/api/v1/admin/api-tokens?tenantId=acme",
				HttpMethod.GET, null, LIST);
		assertThat(listed.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(listed.getBody()).anySatisfy(token -> assertThat(token).containsEntry("userId", this.account)
			.containsEntry("createdBy", "demo")
			.doesNotContainKeys("token", "tokenHash"));
		assertThat(listed.getBody().toString()).doesNotContain(issued.token())
			.doesNotContain(ApiTokens.hash(issued.token()));
		assertThat(asAdmin().exchange("/api/v1/admin/api-tokens?tenantId=globex", HttpMethod.GET, null, LIST).getBody())
			.noneSatisfy(token -> assertThat(token).containsEntry("id", (int) issued.id()));
	}

	@Test
	void noTwoTokensAreAlike() {
		assertThat(ApiTokens.newToken()).isNotEqualTo(ApiTokens.newToken());
	}

	@Test
	void onlyAdministratorsManageTokens() {
		// Given a request for a token
		var request = new HttpEntity<>(Map.of("tenantId", "acme", "userId", this.account, "name", "mine"));

		// When / Then a service-desk agent and a caller are refused, and nobody signed
		// out gets in
		for (String user : List.of("sam", "alice")) {
			ResponseEntity<Map<String, Object>> refused = this.http.withBasicAuth(user, "demo")
				.exchange("/api/v1/admin/api-tokens", HttpMethod.POST, request, MAP);
			assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
			assertThat((String) refused.getBody().get("detail")).contains("camunda-admin");
			assertThat(this.http.withBasicAuth(user, "demo")
				.exchange("/api/v1/admin/api-tokens?tenantId=acme", HttpMethod.GET, null, String.class)
				.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		}
		assertThat(
				this.http.exchange("/api/v1/admin/api-tokens", HttpMethod.POST, request, String.class).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void tokensAreOnlyForUsersOfTheTenant() {
		assertThat(create("globex", this.account)).satisfies(refused -> {
			assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat((String) refused.getBody().get("detail"))
				.contains("does not belong to customer organisation 'globex'");
		});
		assertThat(create("acme", "nobody").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(create("initech", this.account).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
	}

	@Test
	void alertsNeedAValidToken() {
		var body = notification("firing", List.of(firing("a1b2c3d4e5f60718", Map.of("alertname", "X"), Map.of())));

		// No token, a password instead of a token, something else, and an unknown token
		assertUnauthorized(this.clients.post(null, body), "Authorization: Bearer idk_");
		HttpHeaders basic = new HttpHeaders();
		basic.setBasicAuth("demo", "demo");
		basic.setContentType(MediaType.APPLICATION_JSON);
		assertUnauthorized(this.http.exchange("/api/v1/alerts", HttpMethod.POST, new HttpEntity<>(body, basic), MAP),
				"Authorization: Bearer idk_");
		assertUnauthorized(this.clients.post("not-a-token", body), "start with 'idk_'");
		assertUnauthorized(this.clients.post(ApiTokens.newToken(), body), "unknown");
	}

	@Test
	void aRevokedTokenIsRefused() {
		// Given a token that works
		IssuedToken issued = this.clients.token("acme", this.account);
		var body = notification("resolved",
				List.of(AlertClients.resolved("0f0f0f0f0f0f0f0f", Map.of("alertname", "X"), "2026-03-02T09:00:00Z")));
		assertThat(this.clients.post(issued.token(), body).getStatusCode()).isEqualTo(HttpStatus.OK);

		// When the administrator revokes it
		ResponseEntity<Void> revoked = asAdmin().exchange("/api/v1/admin/api-tokens/" + issued.id(), HttpMethod.DELETE,
				null, Void.class);

		// Then it is refused from then on, and its use and revocation show in the list
		assertThat(revoked.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertUnauthorized(this.clients.post(issued.token(), body), "revoked");
		assertThat(asAdmin().exchange("/api/v1/admin/api-tokens?tenantId=acme", HttpMethod.GET, null, LIST).getBody())
			.filteredOn(token -> ((Number) token.get("id")).longValue() == issued.id())
			.singleElement()
			.satisfies(token -> assertThat(token).containsKeys("lastUsedAt", "revokedAt"));
		assertThat(asAdmin().exchange("/api/v1/admin/api-tokens/999999", HttpMethod.DELETE, null, String.class)
			.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void aTokenStopsWorkingWhenItsUserLeavesTheTenant() {
		// Given a token of an account that is then removed from the tenant
		String leaver = this.clients.serviceAccount("prometheus-leaver", "acme");
		IssuedToken issued = this.clients.token("acme", leaver);
		this.identity.deleteTenantUserMembership("acme", leaver);

		// When / Then
		assertUnauthorized(
				this.clients.post(issued.token(),
						notification("firing",
								List.of(firing("1111222233334444", Map.of("alertname", "X"), Map.of())))),
				"no longer belongs");
	}

	private ResponseEntity<Map<String, Object>> create(String tenantId, String userId) {
		return asAdmin().exchange("/api/v1/admin/api-tokens", HttpMethod.POST,
				new HttpEntity<>(Map.of("tenantId", tenantId, "userId", userId, "name", "test")), MAP);
	}

	private TestRestTemplate asAdmin() {
		return this.http.withBasicAuth("demo", "demo");
	}

	private static void assertUnauthorized(ResponseEntity<Map<String, Object>> response, String detail) {
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
		assertThat((String) response.getBody().get("detail")).contains(detail);
	}

}

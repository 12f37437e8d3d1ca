package org.incidentdesk.slapolicy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.incidentdesk.BothDatabases;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.incident.HoldReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The SLA settings' administration API over HTTP, on H2 and PostgreSQL: the defaults from
 * {@code incident-desk.sla.*}, changes with their versions and audit, tenants' overrides,
 * and the refusals an administrator can act on. Every test puts back what it changed,
 * because the test classes share one application and one database.
 */
@IncidentDeskTest
@BothDatabases
class SlaSettingsApiTests {

	static final String SETTINGS = "/api/v1/admin/sla/settings";

	@Autowired
	TestRestTemplate http;

	@Autowired
	ObjectMapper json;

	@Autowired
	SlaSettings properties;

	@Autowired
	SlaPolicy policy;

	@Autowired
	JdbcClient jdbc;

	@AfterEach
	void putBackTheSettings() throws Exception {
		restore(this.http, this.json, this.properties);
	}

	@Test
	void theGlobalSettingsStartAsTheProperties() throws Exception {
		// When an administrator reads the global settings
		JsonNode global = read(SETTINGS);

		// Then they are those of incident-desk.sla.* (application.yaml), stored at the
		// first
		// start
		assertThat(global.get("autoCloseAfter").asText()).isEqualTo("P3D")
			.isEqualTo(SlaDurations.format(this.properties.autoCloseAfter()));
		assertThat(global.get("callerReplyTimeout").asText()).isEqualTo("P2D")
			.isEqualTo(SlaDurations.format(this.properties.callerReplyTimeout()));
		assertThat(texts(global.get("pausingReasons"))).containsExactly("AWAITING_CALLER", "AWAITING_VENDOR",
				"AWAITING_CHANGE");
		assertThat(global.get("version").asInt()).isPositive();

		// And the audit begins with them, stored by the system
		JsonNode initial = changes("?size=100").stream()
			.filter(change -> change.get("kind").asText().equals("INITIAL"))
			.findFirst()
			.orElseThrow();
		assertThat(initial.get("version").asInt()).isEqualTo(1);
		assertThat(initial.get("changedBy").asText()).isEqualTo("system");
		assertThat(initial.has("tenantId")).isFalse();
		assertThat(initial.has("oldValue")).isFalse();
		assertThat(initial.get("newValue").get("autoCloseAfter").asText()).isEqualTo("P3D");

		// And every tenant without an override has them
		assertThat(this.policy.autoCloseAfter("globex")).isEqualTo("P3D");
		assertThat(this.policy.callerReplyTimeout("globex")).isEqualTo("P2D");
		assertThat(this.policy.pausingReasons("globex")).containsExactly("AWAITING_CALLER", "AWAITING_VENDOR",
				"AWAITING_CHANGE");
		assertThat(this.policy.pauses("globex", HoldReason.AWAITING_VENDOR.name())).isTrue();
	}

	@Test
	void anAdministratorChangesTheGlobalSettingsAndEveryChangeIsVersionedAndAudited() throws Exception {
		// Given the global settings at some version
		JsonNode before = read(SETTINGS);
		int version = before.get("version").asInt();

		// When an administrator replaces them, naming that version
		ResponseEntity<String> response = send("demo", HttpMethod.PUT, SETTINGS, """
				{"autoCloseAfter": "pt36h", "callerReplyTimeout": "P1DT12H",
				 "pausingReasons": ["AWAITING_CHANGE", "AWAITING_CALLER"], "version": %d}""".formatted(version));

		// Then the new version answers, written in one form and the hold reasons' order
		assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
		JsonNode after = this.json.readTree(response.getBody());
		assertThat(after.get("version").asInt()).isEqualTo(version + 1);
		assertThat(after.get("autoCloseAfter").asText()).isEqualTo("P1DT12H");
		assertThat(after.get("callerReplyTimeout").asText()).isEqualTo("P1DT12H");
		assertThat(texts(after.get("pausingReasons"))).containsExactly("AWAITING_CALLER", "AWAITING_CHANGE");
		assertThat(after.get("updatedBy").asText()).isEqualTo("demo");
		assertThat(read(SETTINGS)).isEqualTo(after);

		// And the policy answers the new values at once
		assertThat(this.policy.autoCloseAfter(null)).isEqualTo("P1DT12H");
		assertThat(this.policy.getAutoCloseAfter()).isEqualTo("P1DT12H");
		assertThat(this.policy.pauses("globex", "AWAITING_VENDOR")).isFalse();

		// And the audit says who changed what when, from which values to which
		JsonNode change = changes("?size=1").get(0);
		assertThat(change.get("version").asInt()).isEqualTo(version + 1);
		assertThat(change.get("kind").asText()).isEqualTo("CHANGED");
		assertThat(change.get("changedBy").asText()).isEqualTo("demo");
		assertThat(Duration.between(OffsetDateTime.parse(change.get("changedAt").asText()), OffsetDateTime.now()).abs())
			.isLessThan(Duration.ofMinutes(1));
		assertThat(change.get("oldValue").get("autoCloseAfter").asText())
			.isEqualTo(before.get("autoCloseAfter").asText());
		assertThat(change.get("oldValue").get("pausingReasons")).isEqualTo(before.get("pausingReasons"));
		assertThat(change.get("newValue").get("autoCloseAfter").asText()).isEqualTo("P1DT12H");
		assertThat(texts(change.get("newValue").get("pausingReasons"))).containsExactly("AWAITING_CALLER",
				"AWAITING_CHANGE");

		// And a read sent back as it is, with its version, makes the next version
		ResponseEntity<String> again = send("demo", HttpMethod.PUT, SETTINGS, after.toString());
		assertThat(again.getStatusCode().value()).as(again.getBody()).isEqualTo(200);
		assertThat(this.json.readTree(again.getBody()).get("version").asInt()).isEqualTo(version + 2);
	}

	@Test
	void aStaleVersionIsRefusedWith409AndChangesNothing() throws Exception {
		// Given settings somebody changed after another administrator read them
		JsonNode read = read(SETTINGS);
		int version = read.get("version").asInt();
		assertThat(send("demo", HttpMethod.PUT, SETTINGS, globalBody("P4D", "P2D", version)).getStatusCode().value())
			.isEqualTo(200);

		// When the other administrator sends a change based on the old version
		ResponseEntity<String> stale = send("demo", HttpMethod.PUT, SETTINGS, globalBody("P9D", "P2D", version));

		// Then it is refused as a conflict that names the current version, and not made
		expectProblem(stale, 409, "version " + (version + 1));
		assertThat(this.json.readTree(stale.getBody()).get("currentVersion").asInt()).isEqualTo(version + 1);
		assertThat(read(SETTINGS).get("autoCloseAfter").asText()).isEqualTo("P4D");

		// And so is a stale change of a tenant's override
		int acme = read(SETTINGS + "/tenants/acme").get("version").asInt();
		expectProblem(send("demo", HttpMethod.PUT, SETTINGS + "/tenants/acme",
				"{\"autoCloseAfter\": \"P5D\", \"version\": %d}".formatted(acme + 3)), 409, "version " + acme);
		expectProblem(send("demo", HttpMethod.DELETE, SETTINGS + "/tenants/acme?version=" + (acme + 3), null), 409,
				"version " + acme);
		assertThat(read(SETTINGS + "/tenants/acme").get("version").asInt()).isEqualTo(acme);
	}

	static Stream<Arguments> badInput() {
		return Stream.of(Arguments.of(SETTINGS, globalBody("-P1D", "P2D", null), "autoCloseAfter", "negative"),
				Arguments.of(SETTINGS, globalBody("PT0S", "P2D", null), "autoCloseAfter", "longer than zero"),
				Arguments.of(SETTINGS, globalBody("P3D", "P0D", null), "callerReplyTimeout", "longer than zero"),
				Arguments.of(SETTINGS, globalBody("three days", "P2D", null), "autoCloseAfter", "not an ISO-8601"),
				Arguments.of(SETTINGS, globalBody("P3D", "72h", null), "callerReplyTimeout", "not an ISO-8601"),
				Arguments.of(SETTINGS, globalBody("P1M", "P2D", null), "autoCloseAfter", "not an ISO-8601"),
				Arguments.of(SETTINGS, globalBody("PT0.5S", "P2D", null), "autoCloseAfter", "whole days"),
				Arguments.of(SETTINGS, globalBody("P400D", "P2D", null), "autoCloseAfter", "at most P366D"),
				Arguments.of(SETTINGS, "{\"callerReplyTimeout\": \"P2D\", \"pausingReasons\": []}", "autoCloseAfter",
						"required"),
				Arguments.of(SETTINGS, "{\"autoCloseAfter\": \"P3D\", \"callerReplyTimeout\": \"P2D\"}",
						"pausingReasons", "required"),
				Arguments.of(SETTINGS,
						"{\"autoCloseAfter\": \"P3D\", \"callerReplyTimeout\": \"P2D\", "
								+ "\"pausingReasons\": [\"AWAITING_CALLER\", \"AWAITING_GODOT\"]}",
						"pausingReasons[1]", "'AWAITING_GODOT' is no hold reason"),
				Arguments.of(SETTINGS + "/tenants/acme", "{\"callerReplyTimeout\": \"PT-4H\"}", "callerReplyTimeout",
						"negative"),
				Arguments.of(SETTINGS + "/tenants/acme", "{\"autoCloseAfter\": \"soon\"}", "autoCloseAfter",
						"not an ISO-8601"),
				Arguments.of(SETTINGS + "/tenants/acme", "{\"pausingReasons\": [\"awaiting_caller\"]}",
						"pausingReasons[0]", "AWAITING_CALLER, AWAITING_VENDOR, AWAITING_CHANGE"));
	}

	@ParameterizedTest
	@MethodSource("badInput")
	void badInputIsRefusedWith400NamingTheFieldAndChangesNothing(String path, String body, String field, String reason)
			throws Exception {
		// Given the settings as they are
		JsonNode before = read(path);

		// When an administrator sends a bad value
		ResponseEntity<String> response = send("demo", HttpMethod.PUT, path, body);

		// Then the problem names the field and what is wrong with it
		expectProblem(response, 400, reason);
		JsonNode problem = this.json.readTree(response.getBody());
		assertThat(problem.get("field").asText()).isEqualTo(field);
		assertThat(problem.get("detail").asText()).startsWith(field + ": ");

		// And nothing changed
		assertThat(read(path)).isEqualTo(before);
	}

	@Test
	void aValueOfTheWrongTypeIsRefusedWith400NamingTheField() {
		expectProblem(send("demo", HttpMethod.PUT, SETTINGS,
				"{\"autoCloseAfter\": \"P3D\", \"callerReplyTimeout\": \"P2D\", \"pausingReasons\": \"AWAITING_CALLER\"}"),
				400, "pausingReasons");
		expectProblem(send("demo", HttpMethod.PUT, SETTINGS + "/tenants/acme", "{\"version\": \"latest\"}"), 400,
				"version");
		expectProblem(send("demo", HttpMethod.PUT, SETTINGS + "/tenants/acme", "{\"autoClose\": \"P3D\"}"), 400,
				"autoClose");
	}

	@Test
	void anUnknownTenantIs404() {
		expectProblem(send("demo", HttpMethod.GET, SETTINGS + "/tenants/no-such-tenant", null), 404, "no-such-tenant");
		expectProblem(
				send("demo", HttpMethod.PUT, SETTINGS + "/tenants/no-such-tenant", "{\"autoCloseAfter\": \"P5D\"}"),
				404, "no-such-tenant");
		expectProblem(send("demo", HttpMethod.DELETE, SETTINGS + "/tenants/no-such-tenant", null), 404,
				"no-such-tenant");
	}

	@Test
	void onlyAdministratorsReadOrChangeTheSettings() {
		assertThat(send("sam", HttpMethod.GET, SETTINGS, null).getStatusCode().value()).isEqualTo(403);
		assertThat(send("sam", HttpMethod.PUT, SETTINGS, globalBody("P1D", "P1D", null)).getStatusCode().value())
			.isEqualTo(403);
		assertThat(
				send("sam", HttpMethod.PUT, SETTINGS + "/tenants/acme", "{\"autoCloseAfter\": \"P5D\"}").getStatusCode()
					.value())
			.isEqualTo(403);
		assertThat(send("sam", HttpMethod.GET, SETTINGS + "/changes", null).getStatusCode().value()).isEqualTo(403);
		assertThat(this.policy.autoCloseAfter("acme")).isEqualTo("P3D");
	}

	@Test
	void aTenantsOverrideAppliesToThatTenantOnlyUntilItIsRemoved() throws Exception {
		// Given acme without an override
		JsonNode none = read(SETTINGS + "/tenants/acme");
		int version = none.get("version").asInt();
		assertThat(none.has("autoCloseAfter")).isFalse();
		assertThat(none.get("effective").get("autoCloseAfter").asText()).isEqualTo("P3D");

		// When an administrator gives acme a longer auto-close period and no pausing
		// reasons, leaving the caller-reply timeout to the global settings
		ResponseEntity<String> put = send("demo", HttpMethod.PUT, SETTINGS + "/tenants/acme",
				"{\"autoCloseAfter\": \"P5D\", \"pausingReasons\": [], \"version\": %d}".formatted(version));

		// Then acme's settings are the override over the global ones
		assertThat(put.getStatusCode().value()).as(put.getBody()).isEqualTo(200);
		JsonNode acme = read(SETTINGS + "/tenants/acme");
		assertThat(acme.get("tenantId").asText()).isEqualTo("acme");
		assertThat(acme.get("version").asInt()).isEqualTo(version + 1);
		assertThat(acme.get("autoCloseAfter").asText()).isEqualTo("P5D");
		assertThat(acme.has("callerReplyTimeout")).isFalse();
		assertThat(acme.get("pausingReasons")).isEmpty();
		assertThat(acme.get("effective").get("autoCloseAfter").asText()).isEqualTo("P5D");
		assertThat(acme.get("effective").get("callerReplyTimeout").asText()).isEqualTo("P2D");
		assertThat(this.policy.autoCloseAfter("acme")).isEqualTo("P5D");
		assertThat(this.policy.pauses("acme", "AWAITING_CALLER")).isFalse();
		assertThat(this.json.readTree(send("demo", HttpMethod.GET, SETTINGS + "/tenants", null).getBody()))
			.anyMatch(override -> override.get("tenantId").asText().equals("acme"));

		// And every other tenant keeps the global settings
		assertThat(read(SETTINGS + "/tenants/globex").get("effective").get("autoCloseAfter").asText()).isEqualTo("P3D");
		assertThat(this.policy.autoCloseAfter("globex")).isEqualTo("P3D");
		assertThat(this.policy.pauses("globex", "AWAITING_CALLER")).isTrue();

		// When the override is removed
		ResponseEntity<String> removed = send("demo", HttpMethod.DELETE,
				SETTINGS + "/tenants/acme?version=" + (version + 1), null);

		// Then acme follows the global settings again, at the next version
		assertThat(removed.getStatusCode().value()).as(removed.getBody()).isEqualTo(204);
		JsonNode after = read(SETTINGS + "/tenants/acme");
		assertThat(after.get("version").asInt()).isEqualTo(version + 2);
		assertThat(after.has("autoCloseAfter")).isFalse();
		assertThat(after.get("effective").get("autoCloseAfter").asText()).isEqualTo("P3D");
		assertThat(this.policy.autoCloseAfter("acme")).isEqualTo("P3D");
		assertThat(this.json.readTree(send("demo", HttpMethod.GET, SETTINGS + "/tenants", null).getBody()))
			.noneMatch(override -> override.get("tenantId").asText().equals("acme"));

		// And the tenant's audit has both changes, newest first
		List<JsonNode> audit = changes("?tenantId=acme&size=2");
		assertThat(audit).extracting(change -> change.get("kind").asText()).containsExactly("REMOVED", "CHANGED");
		assertThat(audit.get(0).get("tenantId").asText()).isEqualTo("acme");
		assertThat(audit.get(0).get("oldValue").get("autoCloseAfter").asText()).isEqualTo("P5D");
		assertThat(audit.get(0).get("newValue")).isEmpty();
		assertThat(audit.get(1).get("newValue").get("pausingReasons")).isEmpty();
		assertThat(audit.get(1).get("changedBy").asText()).isEqualTo("demo");

		// And removing an override that is not there changes nothing
		assertThat(send("demo", HttpMethod.DELETE, SETTINGS + "/tenants/acme", null).getStatusCode().value())
			.isEqualTo(204);
		assertThat(read(SETTINGS + "/tenants/acme").get("version").asInt()).isEqualTo(version + 2);
	}

	@Test
	void aChangeMadeOnAnotherNodeCountsAtOnce() throws Exception {
		// Given the settings read (and cached) here
		assertThat(this.policy.autoCloseAfter("globex")).isEqualTo("P3D");
		int version = read(SETTINGS).get("version").asInt();

		// When another node, sharing the database, commits a change
		this.jdbc.sql("update sla_settings set auto_close_after = 'PT20H', version = version + 1 where scope = '*'")
			.update();

		// Then the next question here answers the new value
		assertThat(this.policy.autoCloseAfter("globex")).isEqualTo("PT20H");
		assertThat(read(SETTINGS).get("version").asInt()).isEqualTo(version + 1);
	}

	@Test
	void aBadPageOfTheAuditIsRefusedWith400() throws Exception {
		expectProblem(send("demo", HttpMethod.GET, SETTINGS + "/changes?size=0", null), 400, "size");
		expectProblem(send("demo", HttpMethod.GET, SETTINGS + "/changes?page=-1", null), 400, "page");
		assertThat(changes("?tenantId=no-such-tenant")).isEmpty();
	}

	@Test
	void theApiDocumentationDescribesTheSettings() throws Exception {
		JsonNode openApi = read("/api/v1/openapi");
		JsonNode paths = openApi.get("paths");
		assertThat(paths.has(SETTINGS)).isTrue();
		assertThat(paths.get(SETTINGS + "/tenants/{tenantId}").has("delete")).isTrue();
		assertThat(paths.get(SETTINGS + "/changes").get("get").get("tags").get(0).asText()).isEqualTo("SLA settings");
		assertThat(paths.get(SETTINGS).get("put").get("description").asText()).contains("409");
		assertThat(openApi.get("components").get("schemas").has("SlaSettingsRequest")).isTrue();
	}

	/**
	 * Puts the global settings back to the properties' values and removes acme's and
	 * globex's overrides.
	 */
	static void restore(TestRestTemplate http, ObjectMapper json, SlaSettings properties) throws Exception {
		String body = json.writeValueAsString(new SlaValuesView(SlaDurations.format(properties.autoCloseAfter()),
				SlaDurations.format(properties.callerReplyTimeout()), properties.pausingReasons()));
		ResponseEntity<String> global = exchange(http, "demo", HttpMethod.PUT, SETTINGS, body);
		assertThat(global.getStatusCode().value()).as(global.getBody()).isEqualTo(200);
		for (String tenant : List.of("acme", "globex")) {
			assertThat(exchange(http, "demo", HttpMethod.DELETE, SETTINGS + "/tenants/" + tenant, null).getStatusCode()
				.value()).isEqualTo(204);
		}
	}

	static ResponseEntity<String> exchange(TestRestTemplate http, String user, HttpMethod method, String path,
			String body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth(user, "demo");
		headers.setContentType(MediaType.APPLICATION_JSON);
		return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
	}

	private ResponseEntity<String> send(String user, HttpMethod method, String path, String body) {
		return exchange(this.http, user, method, path, body);
	}

	private JsonNode read(String path) throws Exception {
		ResponseEntity<String> response = send("demo", HttpMethod.GET, path, null);
		assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
		return this.json.readTree(response.getBody());
	}

	private List<JsonNode> changes(String query) throws Exception {
		return StreamSupport.stream(read(SETTINGS + "/changes" + query).spliterator(), false).toList();
	}

	private static String globalBody(String autoCloseAfter, String callerReplyTimeout, Integer version) {
		return """
				{"autoCloseAfter": "%s", "callerReplyTimeout": "%s",
				 "pausingReasons": ["AWAITING_CALLER"]%s}""".formatted(autoCloseAfter, callerReplyTimeout,
				(version != null) ? ", \"version\": " + version : "");
	}

	private static void expectProblem(ResponseEntity<String> response, int status, String text) {
		assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.getBody()).contains(text);
	}

	private static List<String> texts(JsonNode array) {
		return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
	}

}

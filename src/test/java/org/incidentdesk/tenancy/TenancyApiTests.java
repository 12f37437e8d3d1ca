package org.incidentdesk.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Tenant;
import org.incidentdesk.IncidentDeskTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The administration API over HTTP: tenants with their technician group and serving
 * groups, teams, users, and the refusals an administrator can act on. Ids are unique per
 * test, because test classes share one database.
 */
@IncidentDeskTest
class TenancyApiTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	ObjectMapper json;

	@Autowired
	IdentityService identity;

	@Autowired
	AuthorizationService authorizations;

	@Autowired
	FilterService filters;

	@Autowired
	AccessModel access;

	@Test
	void aNewTenantGetsItsTechnicianGroupWithTasklistAndIsServedByTheServiceDeskAndOverseers() throws Exception {
		// Given a fresh tenant id
		String id = unique("tn");

		// When an administrator creates the tenant, served by a support team
		ResponseEntity<String> response = admin(HttpMethod.POST, "/api/v1/admin/tenants",
				Map.of("id", id, "name", "Northwind", "servedBy", List.of("support-infrastructure")));

		// Then the tenant, its technicians and its serving groups exist in Camunda
		assertThat(response.getStatusCode().value()).isEqualTo(201);
		JsonNode tenant = this.json.readTree(response.getBody());
		assertThat(tenant.get("technicianGroup").asText()).isEqualTo("technicians-" + id);
		assertThat(texts(tenant.get("servedBy"))).containsExactlyInAnyOrder("auditors", "incident-managers",
				"service-delivery-managers", "service-desk", "support-infrastructure");
		assertThat(this.identity.createGroupQuery().groupId("technicians-" + id).memberOfTenant(id).count())
			.isEqualTo(1);
		assertThat(this.authorizations.isUserAuthorized("nobody", List.of("technicians-" + id), Permissions.ACCESS,
				Resources.APPLICATION, "tasklist"))
			.isTrue();
		assertThat(this.filters.createFilterQuery().filterName("On-site technicians of " + id).count()).isEqualTo(1);
	}

	@Test
	void aTenantCreatedInCamundaAdminIsCompletedOnceHoweverOftenItIsProvisioned() throws Exception {
		// Given a tenant an administrator made in Camunda Admin, with nothing else
		String id = unique("ca");
		Tenant bare = this.identity.newTenant(id);
		bare.setName("Made in Camunda Admin");
		this.identity.saveTenant(bare);

		// When it is provisioned twice
		ResponseEntity<String> first = admin(HttpMethod.POST, "/api/v1/admin/tenants/" + id + "/provisioning", null);
		ResponseEntity<String> second = admin(HttpMethod.POST, "/api/v1/admin/tenants/" + id + "/provisioning", null);

		// Then it has its technician group and serving groups, made once
		assertThat(first.getStatusCode().value()).isEqualTo(200);
		assertThat(second.getBody()).isEqualTo(first.getBody());
		assertThat(this.json.readTree(second.getBody()).get("technicianGroup").asText()).isEqualTo("technicians-" + id);
		assertThat(this.filters.createFilterQuery().filterName("On-site technicians of " + id).count()).isEqualTo(1);
	}

	@Test
	void aTeamNamedLikeAnotherGroupsFilterStillGetsItsOwn() {
		// When a team is created with the service desk's display name
		String team = unique("support-same-name");
		assertThat(admin(HttpMethod.POST, "/api/v1/admin/teams", Map.of("id", team, "name", "Service desk"))
			.getStatusCode()
			.value()).isEqualTo(201);

		// Then it has a filter of its own, which its members may read
		var own = this.access.filterOf(team).orElseThrow();
		assertThat(own.getName()).isEqualTo("Service desk");
		assertThat(own.getId()).isNotEqualTo(this.access.filterOf("service-desk").orElseThrow().getId());
		assertThat(this.authorizations.isUserAuthorized("nobody", List.of(team), Permissions.READ, Resources.FILTER,
				own.getId()))
			.isTrue();
	}

	@Test
	void refusalsSayWhatToChange() {
		String id = unique("rf");
		admin(HttpMethod.POST, "/api/v1/admin/tenants", Map.of("id", id, "name", "Refusals"));

		expectProblem(admin(HttpMethod.POST, "/api/v1/admin/tenants", Map.of("id", id, "name", "Again")), 409,
				"already a tenant");
		expectProblem(admin(HttpMethod.POST, "/api/v1/admin/tenants", Map.of("id", "no spaces", "name", "Bad")), 400,
				"letters and digits");
		expectProblem(
				admin(HttpMethod.POST, "/api/v1/admin/tenants",
						Map.of("id", unique("rf"), "name", "Unknown team", "servedBy", List.of("support-nowhere"))),
				400, "There is no group 'support-nowhere'");
		expectProblem(
				admin(HttpMethod.POST, "/api/v1/admin/tenants",
						Map.of("id", unique("rf"), "name", "Callers serve", "servedBy", List.of("customers"))),
				400, "not a provider team");
		expectProblem(admin(HttpMethod.POST, "/api/v1/admin/tenants", Map.of("id", unique("rf"))), 400, "name");
		expectProblem(admin(HttpMethod.GET, "/api/v1/admin/tenants/" + unique("none"), null), 404, "no tenant");
		expectProblem(admin(HttpMethod.POST, "/api/v1/admin/teams", Map.of("id", "technicians-" + id, "name", "X")),
				409, "already a group");
		expectProblem(admin(HttpMethod.POST, "/api/v1/admin/teams", Map.of("id", "technicians-x" + id, "name", "X")),
				400, "reserved");
		expectProblem(admin(HttpMethod.DELETE, "/api/v1/admin/tenants/" + id + "/serving-groups/service-desk", null),
				400, "serves every tenant");
		expectProblem(user(unique("u"), "TECHNICIAN", null, null), 400, "give tenantId");
		expectProblem(user(unique("u"), "STAFF", id, List.of("service-desk")), 400, "Staff belong to no tenant");
		expectProblem(user(unique("u"), "STAFF", null, List.of()), 400, "at least one provider group");
		expectProblem(user(unique("u"), "CALLER", id, List.of("service-desk")), 400, "Only staff get groups");
		expectProblem(user("alice", "CALLER", id, null), 409, "already a user");
		assertThat(this.identity.createTenantQuery().tenantId(id).count()).isEqualTo(1);
	}

	@Test
	void aCallerCreatedByAnAdministratorSignsInAndReportsForTheirOrganisation() throws Exception {
		// Given a tenant and a caller created through the API, with Indonesian mail
		String tenant = unique("cl");
		admin(HttpMethod.POST, "/api/v1/admin/tenants", Map.of("id", tenant, "name", "Caller's organisation"));
		String caller = unique("caller");
		var body = new HashMap<String, Object>(Map.of("id", caller, "firstName", "Rina", "lastName", "Sari", "email",
				caller + "@example.org", "password", "demo", "role", "CALLER", "tenantId", tenant, "locale", "id"));
		assertThat(admin(HttpMethod.POST, "/api/v1/admin/users", body).getStatusCode().value()).isEqualTo(201);

		// When the caller reports an incident
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth(caller, "demo");
		headers.setContentType(MediaType.APPLICATION_JSON);
		ResponseEntity<String> report = this.http.exchange("/api/v1/incidents", HttpMethod.POST,
				new HttpEntity<>(
						Map.of("summary", "Cannot print", "category", "hardware", "impact", "LOW", "urgency", "LOW"),
						headers),
				String.class);

		// Then it belongs to their organisation, and their mail language is kept
		assertThat(report.getStatusCode().value()).as(report.getBody()).isEqualTo(201);
		assertThat(this.json.readTree(report.getBody()).get("tenantId").asText()).isEqualTo(tenant);
		assertThat(this.identity.getUserInfo(caller, "locale")).isEqualTo("id");
	}

	@Test
	void aSupportTeamSeesATenantsIncidentsOnlyWhileItServesIt() throws Exception {
		// Given a team with one member, and a tenant it does not serve with an incident
		String team = unique("support-t");
		String tenant = unique("sv");
		admin(HttpMethod.POST, "/api/v1/admin/teams", Map.of("id", team, "name", "Team " + team));
		admin(HttpMethod.POST, "/api/v1/admin/tenants", Map.of("id", tenant, "name", "Served"));
		String member = unique("m");
		user(member, "STAFF", null, List.of(team));
		String caller = unique("c");
		user(caller, "CALLER", tenant, null);
		ResponseEntity<String> incident = admin(HttpMethod.POST, "/api/v1/incidents",
				Map.of("tenantId", tenant, "callerId", caller, "summary", "Served or not", "category", "other",
						"impact", "LOW", "urgency", "LOW"));
		assertThat(incident.getStatusCode().value()).as(incident.getBody()).isEqualTo(201);
		String number = this.json.readTree(incident.getBody()).get("number").asText();

		// When the team is made to serve the tenant, and then no longer
		int before = asMember(member, number);
		admin(HttpMethod.PUT, "/api/v1/admin/tenants/" + tenant + "/serving-groups/" + team, null);
		int serving = asMember(member, number);
		admin(HttpMethod.DELETE, "/api/v1/admin/tenants/" + tenant + "/serving-groups/" + team, null);
		int after = asMember(member, number);

		// Then its member sees the incident only in between
		assertThat(List.of(before, serving, after)).containsExactly(404, 200, 404);
		JsonNode teams = this.json.readTree(admin(HttpMethod.GET, "/api/v1/admin/teams", null).getBody());
		assertThat(teams.findValuesAsText("id")).contains(team).doesNotContain("customers", "camunda-admin");
	}

	private int asMember(String member, String number) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth(member, "demo");
		return this.http
			.exchange("/api/v1/incidents/" + number, HttpMethod.GET, new HttpEntity<>(headers), String.class)
			.getStatusCode()
			.value();
	}

	private ResponseEntity<String> user(String id, String role, String tenant, List<String> groups) {
		var body = new HashMap<String, Object>(Map.of("id", id, "firstName", "Test", "lastName", "User", "email",
				id + "@example.org", "password", "demo", "role", role));
		if (tenant != null) {
			body.put("tenantId", tenant);
		}
		if (groups != null) {
			body.put("groups", groups);
		}
		return admin(HttpMethod.POST, "/api/v1/admin/users", body);
	}

	private ResponseEntity<String> admin(HttpMethod method, String path, Object body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth("demo", "demo");
		headers.setContentType(MediaType.APPLICATION_JSON);
		return this.http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
	}

	private static void expectProblem(ResponseEntity<String> response, int status, String text) {
		assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.getBody()).contains(text);
	}

	private static List<String> texts(JsonNode array) {
		return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
	}

	private static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

}

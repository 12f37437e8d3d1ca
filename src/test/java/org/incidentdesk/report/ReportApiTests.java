package org.incidentdesk.report;

import org.incidentdesk.BothDatabases;
import org.incidentdesk.TestReports;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Tenant;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.incident.Channel;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.Level;
import org.incidentdesk.incident.ReportIncident;
import org.incidentdesk.knowledge.KnowledgeBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The management report over HTTP, on a fresh tenant per test: one incident resolved at
 * first contact and closed, one still open, one deflection; who may read which tenant's
 * figures; CSV; refusals.
 */
@IncidentDeskTest
class ReportApiTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	ObjectMapper json;

	@Autowired
	IdentityService identity;

	@Autowired
	IncidentService incidents;

	@Autowired
	KnowledgeBase knowledge;

	private String tenant;

	private String caller;

	@BeforeEach
	void aTenantWithACallerAndAClosedAndAnOpenIncident() throws Exception {
		ReportFixture fixture = new ReportFixture(this.http, this.json, this.knowledge);
		this.tenant = fixture.tenantWithAClosedAndAnOpenIncidentAndADeflection();
		this.caller = ReportFixture.callerOf(this.tenant);
	}

	@Test
	void anIncidentManagerReadsTheFiguresOfTheTenantsTheyServe() throws Exception {
		// When the incident manager asks for the tenant's figures
		ResponseEntity<String> response = send("ines", HttpMethod.GET,
				"/api/v1/reports/incidents?tenantId=" + this.tenant, null);

		// Then they count what happened
		expect(response, 200);
		JsonNode figures = this.json.readTree(response.getBody()).get("tenants");
		assertThat(figures).hasSize(1);
		JsonNode t = figures.get(0);
		assertThat(t.get("tenantId").asText()).isEqualTo(this.tenant);
		assertThat(t.get("opened").asLong()).isEqualTo(2);
		assertThat(t.get("openedByChannel").get("API").asLong()).isEqualTo(2);
		assertThat(t.get("resolved").asLong()).isEqualTo(1);
		assertThat(t.get("closed").asLong()).isEqualTo(1);
		assertThat(t.get("openNow").asLong()).isEqualTo(1);
		assertThat(t.get("slaMet").asLong()).isEqualTo(1);
		assertThat(t.get("slaBreached").asLong()).isZero();
		assertThat(t.get("firstContactResolutions").asLong()).isEqualTo(1);
		assertThat(t.get("deflections").asLong()).isEqualTo(1);
		assertThat(t.get("meanMinutesToResolve").isNumber()).isTrue();
	}

	@Test
	void theReportDownloadsAsCsv() {
		ResponseEntity<String> response = send("della", HttpMethod.GET,
				"/api/v1/reports/incidents?format=csv&tenantId=" + this.tenant, null);

		expect(response, 200);
		assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.valueOf("text/csv"))).isTrue();
		String[] lines = response.getBody().split("\r\n");
		assertThat(lines).hasSize(2);
		assertThat(lines[0]).startsWith("tenant,from,to,opened,opened_portal,opened_email");
		assertThat(lines[1]).startsWith(this.tenant + ",").contains(",2,");
	}

	@Test
	void onlyManagersAuditorsAndAdministratorsReadReportsAndOnlyForTenantsTheyServe() {
		// Given a tenant made in Camunda Admin that nobody serves yet, with an incident
		String unserved = "un-" + UUID.randomUUID().toString().substring(0, 8);
		Tenant bare = this.identity.newTenant(unserved);
		bare.setName("Unserved");
		this.identity.saveTenant(bare);
		this.identity.createTenantUserMembership(unserved, this.caller);
		this.incidents.report(TestReports.report("Unserved incident")
			.by(unserved, this.caller)
			.via(Channel.PHONE)
			.description(null)
			.category("other")
			.build());

		// Then the incident manager does not see it; the auditor does
		expect(send("ines", HttpMethod.GET, "/api/v1/reports/incidents?tenantId=" + unserved, null), 404);
		assertThat(send("ines", HttpMethod.GET, "/api/v1/reports/incidents", null).getBody()).contains(this.tenant)
			.doesNotContain(unserved);
		assertThat(send("audrey", HttpMethod.GET, "/api/v1/reports/incidents", null).getBody()).contains(unserved);
		// And neither staff nor callers read reports
		for (String user : List.of("sam", "ivan", "tom", this.caller)) {
			ResponseEntity<String> refused = send(user, HttpMethod.GET, "/api/v1/reports/incidents", null);
			expect(refused, 403);
			assertThat(refused.getBody()).contains("incident managers");
		}
	}

	@Test
	void aBadPeriodIsRefusedWithWhatToChange() {
		assertThat(send("ines", HttpMethod.GET, "/api/v1/reports/incidents?from=2026-02-30", null).getBody())
			.contains("is not a date");
		expect(send("ines", HttpMethod.GET, "/api/v1/reports/incidents?from=2026-05-01&to=2026-04-01", null), 400);
		expect(send("ines", HttpMethod.GET, "/api/v1/reports/incidents?from=2024-01-01&to=2026-01-01", null), 400);
		expect(send("ines", HttpMethod.GET, "/api/v1/reports/incidents?format=xlsx", null), 400);
	}

	@BothDatabases
	@Test
	void countsATenantsIncidentsInJsonAndCsv() throws Exception {
		String tenant = new ReportFixture(this.http, this.json, this.knowledge)
			.tenantWithAClosedAndAnOpenIncidentAndADeflection();

		ResponseEntity<String> response = ReportFixture.send(this.http, "audrey", HttpMethod.GET,
				"/api/v1/reports/incidents?tenantId=" + tenant, null);
		ResponseEntity<String> csv = ReportFixture.send(this.http, "audrey", HttpMethod.GET,
				"/api/v1/reports/incidents?format=csv", null);

		ReportFixture.expect(response, 200);
		JsonNode figures = this.json.readTree(response.getBody()).get("tenants").get(0);
		assertThat(figures.get("opened").asLong()).isEqualTo(2);
		assertThat(figures.get("closed").asLong()).isEqualTo(1);
		assertThat(figures.get("firstContactResolutions").asLong()).isEqualTo(1);
		assertThat(figures.get("deflections").asLong()).isEqualTo(1);
		assertThat(figures.get("meanMinutesToResolve").isNumber()).isTrue();
		ReportFixture.expect(csv, 200);
		assertThat(csv.getBody()).contains(tenant + ",");
	}

	private ResponseEntity<String> send(String user, HttpMethod method, String path, Object body) {
		return ReportFixture.send(this.http, user, method, path, body);
	}

	private static void expect(ResponseEntity<String> response, int status) {
		ReportFixture.expect(response, status);
	}

}

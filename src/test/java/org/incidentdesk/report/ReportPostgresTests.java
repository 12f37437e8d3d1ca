package org.incidentdesk.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.incidentdesk.PostgresTest;
import org.incidentdesk.knowledge.KnowledgeBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/** The report's grouped SQL on a real PostgreSQL. */
@PostgresTest
class ReportPostgresTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	ObjectMapper json;

	@Autowired
	KnowledgeBase knowledge;

	@Test
	void countsATenantsIncidentsOnPostgresql() throws Exception {
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

}

package org.incidentdesk.audit;

import org.incidentdesk.TestReports;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.incident.Channel;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentRecords;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.Level;
import org.incidentdesk.incident.ReportIncident;
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

/**
 * Auditors read everything and change nothing (DESIGN.md, sections 1 and 4): audrey tries
 * the write endpoints of {@code /api/v1}. Camunda's own REST API is left out here: in a
 * test run with several application contexts, its static engine registry may hand it
 * another context's engine.
 */
@IncidentDeskTest
class AuditorsReadOnlyTests {

	private static final String AUDITOR = "audrey";

	@Autowired
	TestRestTemplate http;

	@Autowired
	IncidentService incidents;

	@Autowired
	IncidentRecords records;

	@Autowired
	TaskService tasks;

	@Autowired
	RuntimeService runtime;

	@Autowired
	JdbcClient jdbc;

	@Test
	void auditorsAreRefusedTheGuardedWritesAndChangeNothing() {
		// Given an acme incident in triage and a CI of acme
		Incident incident = report();
		String base = "/api/v1/incidents/" + incident.number();
		long ci = this.jdbc.sql("select id from configuration_item where name = 'ACME-VPN'").query(Long.class).single();
		Snapshot before = snapshot(incident, ci);

		// When the auditor tries to change them, then every attempt is refused
		assertThat(call(HttpMethod.POST, base + "/resolution", Map.of("accepted", true)))
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(call(HttpMethod.POST, base + "/withdrawal", Map.of("reason", "Audit")))
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(call(HttpMethod.POST, "/api/v1/cmdb/items",
				Map.of("tenantId", "acme", "name", "AUDIT-1", "type", "HARDWARE", "remotelyServiceable", true)))
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(call(HttpMethod.PUT, "/api/v1/cmdb/items/" + ci,
				Map.of("type", "HARDWARE", "remotelyServiceable", false)))
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(callCsv("/api/v1/cmdb/items/import?tenantId=acme",
				"name,type,location,remotely_serviceable,parent\r\nAUDIT-2,HARDWARE,,true,\r\n"))
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(call(HttpMethod.POST, "/api/v1/admin/api-tokens",
				Map.of("tenantId", "acme", "userId", "alice", "name", "audit")))
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(call(HttpMethod.DELETE, "/api/v1/admin/api-tokens/1", null)).isEqualTo(HttpStatus.FORBIDDEN);

		// And nothing changed
		assertThat(snapshot(incident, ci)).isEqualTo(before);
	}

	/**
	 * Today these writes are open to auditors: the controllers of the incident and
	 * knowledge features treat everybody who is not a caller as staff. Fixing them
	 * belongs to those features; this test states what should hold once they are fixed.
	 */
	@Test
	void auditorsCannotReportCommentHoldOrWriteKnowledge() {
		Incident incident = report();
		String base = "/api/v1/incidents/" + incident.number();
		String article = this.jdbc
			.sql("select number from knowledge_article where state = 'PUBLISHED' order by id fetch first 1 rows only")
			.query(String.class)
			.single();

		assertThat(call(HttpMethod.POST, "/api/v1/incidents", Map.of("tenantId", "acme", "callerId", "alice", "summary",
				"Reported by an auditor", "category", "email", "impact", "LOW", "urgency", "LOW")))
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(call(HttpMethod.POST, base + "/comments", Map.of("body", "An auditor's comment")))
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(call(HttpMethod.POST, base + "/work-notes", Map.of("body", "An auditor's note")))
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(call(HttpMethod.POST, base + "/hold", Map.of("reason", "AWAITING_VENDOR")))
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(call(HttpMethod.POST, base + "/resume", null)).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(call(HttpMethod.POST, "/api/v1/knowledge/articles", Map.of("kind", "ARTICLE", "title",
				"Written by an auditor", "language", "en", "visibility", "PUBLIC", "state", "DRAFT")))
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(call(HttpMethod.POST, "/api/v1/knowledge/articles/" + article + "/publish", null))
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(call(HttpMethod.POST, "/api/v1/knowledge/articles/" + article + "/solved", Map.of()))
			.isEqualTo(HttpStatus.FORBIDDEN);
	}

	private Incident report() {
		return this.incidents
			.report(TestReports.report("Audited incident").description("Reported in an auditor test.").build());
	}

	private Snapshot snapshot(Incident incident, long ci) {
		Incident now = this.records.get(incident.number());
		return new Snapshot(now.state().name(), now.version(),
				this.jdbc.sql("select count(*) from incident_activity where incident_id = :id")
					.param("id", incident.id())
					.query(Long.class)
					.single(),
				this.jdbc.sql("select count(*) from incident").query(Long.class).single(),
				this.jdbc.sql("select count(*) from configuration_item").query(Long.class).single(),
				this.jdbc.sql("select type from configuration_item where id = :id")
					.param("id", ci)
					.query(String.class)
					.single(),
				this.jdbc.sql("select count(*) from api_token").query(Long.class).single(),
				this.tasks.createTaskQuery().processInstanceBusinessKey(incident.number()).singleResult().getAssignee(),
				this.runtime.createProcessInstanceQuery().count());
	}

	private HttpStatus call(HttpMethod method, String url, Object body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return status(this.http.withBasicAuth(AUDITOR, "demo")
			.exchange(url, method, new HttpEntity<>(body, headers), String.class));
	}

	private HttpStatus callCsv(String url, String csv) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.parseMediaType("text/csv"));
		return status(this.http.withBasicAuth(AUDITOR, "demo")
			.exchange(url, HttpMethod.POST, new HttpEntity<>(csv, headers), String.class));
	}

	private static HttpStatus status(ResponseEntity<String> response) {
		return HttpStatus.valueOf(response.getStatusCode().value());
	}

	record Snapshot(String state, int version, long activities, long incidents, long items, String ciType, long tokens,
			String triageAssignee, long processes) {
	}

}

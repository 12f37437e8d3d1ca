package org.incidentdesk.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.incidentdesk.knowledge.ArticleKind;
import org.incidentdesk.knowledge.ArticleState;
import org.incidentdesk.knowledge.ArticleVisibility;
import org.incidentdesk.knowledge.KnowledgeBase;
import org.incidentdesk.knowledge.NewArticle;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A fresh tenant with something to report, made over HTTP with the demo world's users: a
 * caller, one incident the service desk resolved at first contact and the caller
 * confirmed, one still open, and one "this solved my problem" without an incident.
 */
record ReportFixture(TestRestTemplate http, ObjectMapper json, KnowledgeBase knowledge) {

	static String callerOf(String tenant) {
		return "caller-" + tenant;
	}

	String tenantWithAClosedAndAnOpenIncidentAndADeflection() throws Exception {
		String tenant = "rp-" + UUID.randomUUID().toString().substring(0, 8);
		String caller = callerOf(tenant);
		expect(send(this.http, "demo", HttpMethod.POST, "/api/v1/admin/tenants",
				Map.of("id", tenant, "name", "Reported")), 201);
		var user = new HashMap<String, Object>(Map.of("id", caller, "firstName", "Rani", "lastName", "Putri", "email",
				caller + "@example.org", "password", "demo", "role", "CALLER", "tenantId", tenant));
		expect(send(this.http, "demo", HttpMethod.POST, "/api/v1/admin/users", user), 201);

		String closed = report(caller, "Printer offline");
		expect(send(this.http, "sam", HttpMethod.POST, "/api/v1/incidents/" + closed + "/resolve",
				Map.of("resolutionCode", "SOLVED_PERMANENTLY", "resolutionNotes", "Power cable reseated.")), 204);
		expect(send(this.http, caller, HttpMethod.POST, "/api/v1/incidents/" + closed + "/resolution",
				Map.of("accepted", true)), 204);
		report(caller, "Scanner offline");

		String article = this.knowledge
			.create(new NewArticle(tenant, ArticleKind.ARTICLE, "Reset the badge reader",
					"The badge reader blinks red.", "Hold the reset button for five seconds.", List.of(), "en",
					ArticleVisibility.PUBLIC, ArticleState.PUBLISHED, null, null), "report-tests")
			.number();
		expect(send(this.http, caller, HttpMethod.POST, "/api/v1/knowledge/articles/" + article + "/solved", null),
				204);
		return tenant;
	}

	private String report(String caller, String summary) throws Exception {
		ResponseEntity<String> response = send(this.http, caller, HttpMethod.POST, "/api/v1/incidents",
				Map.of("summary", summary, "category", "hardware", "impact", "LOW", "urgency", "LOW"));
		expect(response, 201);
		return this.json.readTree(response.getBody()).get("number").asText();
	}

	static ResponseEntity<String> send(TestRestTemplate http, String user, HttpMethod method, String path,
			Object body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth(user, "demo");
		headers.setContentType(MediaType.APPLICATION_JSON);
		return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
	}

	static void expect(ResponseEntity<String> response, int status) {
		assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
	}

}

package org.incidentdesk.incident;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.incidentdesk.IncidentDeskTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile and odd input on the project's own API: deep nesting, negative paging, unknown
 * ids and oversized bodies are each a 4xx problem detail that says what is wrong, and
 * nothing is written.
 */
@IncidentDeskTest
class ApiHostileInputTests {

	private static final String DEEP = "[".repeat(10_000) + "]".repeat(10_000);

	@Autowired
	TestRestTemplate http;

	@Autowired
	ObjectMapper json;

	@Test
	void aBodyNestedTenThousandLevelsDeepIsABadRequest() throws Exception {
		long before = count("sam");
		for (String body : List.of(DEEP, "{\"summary\":" + DEEP + "}")) {
			assertProblem(send("alice", HttpMethod.POST, "/api/v1/incidents", body), 400);
		}
		assertThat(count("sam")).isEqualTo(before);
	}

	@Test
	void aPageBelowZeroOrASizeOutOfRangeIsABadRequest() throws Exception {
		for (String query : List.of("page=-1", "size=0", "size=-5", "size=101", "page=abc")) {
			assertProblem(send("sam", HttpMethod.GET, "/api/v1/incidents?" + query, null), 400);
		}
	}

	@Test
	void anUnknownIncidentIsNotFound() throws Exception {
		for (String path : List.of("/api/v1/incidents/INC9999999", "/api/v1/incidents/INC9999999/timeline",
				"/api/v1/incidents/not-a-number")) {
			assertProblem(send("sam", HttpMethod.GET, path, null), 404);
		}
		assertProblem(send("sam", HttpMethod.POST, "/api/v1/incidents/INC9999999/work-notes", "{\"body\":\"x\"}"), 404);
	}

	@Test
	void anOversizedBodyIsRefusedAndNothingIsWritten() throws Exception {
		long before = count("sam");
		String huge = "{\"summary\":\"Huge\",\"description\":\"" + "x".repeat(12 * 1024 * 1024) + "\"}";
		ResponseEntity<String> answer = send("alice", HttpMethod.POST, "/api/v1/incidents", huge);
		assertThat(answer.getStatusCode().value()).as(answer.getBody()).isIn(400, 413);
		assertProblem(answer, answer.getStatusCode().value());
		assertThat(count("sam")).isEqualTo(before);
	}

	private long count(String user) throws Exception {
		return this.json.readTree(send(user, HttpMethod.GET, "/api/v1/incidents?size=1", null).getBody())
			.get("totalItems")
			.asLong();
	}

	private void assertProblem(ResponseEntity<String> answer, int status) throws Exception {
		assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(status);
		assertThat(answer.getHeaders().getContentType()).isNotNull();
		assertThat(answer.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.as(answer.getHeaders().getContentType().toString())
			.isTrue();
		JsonNode problem = this.json.readTree(answer.getBody());
		assertThat(problem.path("status").asInt()).isEqualTo(status);
		assertThat(problem.path("detail").asText()).isNotBlank();
	}

	private ResponseEntity<String> send(String user, HttpMethod method, String path, String body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth(user, "demo");
		headers.setContentType(MediaType.APPLICATION_JSON);
		return this.http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
	}

}

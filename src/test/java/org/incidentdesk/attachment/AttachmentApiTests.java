package org.incidentdesk.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.incidentdesk.IncidentDeskTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Attaching files through the API (multipart), as the service desk does for a caller who
 * sent a screenshot by other means: the type comes from the content, refusals are problem
 * details, and the caller sees the file on their incident.
 */
@IncidentDeskTest
class AttachmentApiTests {

	/** A 1x1 transparent PNG. */
	private static final byte[] PNG = Base64.getDecoder()
		.decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

	@Autowired
	TestRestTemplate http;

	@Autowired
	ObjectMapper json;

	@Test
	void theServiceDeskAttachesAScreenshotThatTheCallerThenDownloads() throws Exception {
		// Given alice's incident
		String number = report();

		// When the service desk attaches a screenshot
		ResponseEntity<String> upload = upload("sam", number, "screen shot.png", PNG);

		// Then it is stored with its detected type, and alice downloads the same bytes
		assertThat(upload.getStatusCode().value()).as(upload.getBody()).isEqualTo(201);
		JsonNode attachment = this.json.readTree(upload.getBody());
		assertThat(attachment.get("contentType").asText()).isEqualTo("image/png");
		assertThat(attachment.get("uploadedBy").asText()).isEqualTo("sam");
		ResponseEntity<byte[]> download = this.http.withBasicAuth("alice", "demo")
			.getForEntity(upload.getHeaders().getLocation(), byte[].class);
		assertThat(download.getBody()).isEqualTo(PNG);
		assertThat(download.getHeaders().getContentDisposition().isAttachment()).isTrue();
	}

	@Test
	void refusalsAreProblemDetailsAndStoreNothing() throws Exception {
		// Given an incident
		String number = report();

		// When files that may not be attached are sent, or no file at all
		ResponseEntity<String> disguised = upload("sam", number, "notes.txt",
				"<html><script>alert(1)</script></html>".getBytes());
		ResponseEntity<String> empty = upload("sam", number, "empty.txt", new byte[0]);
		ResponseEntity<String> noFile = exchange("sam", number, new LinkedMultiValueMap<>());
		ResponseEntity<String> byAuditor = upload("audrey", number, "audit.png", PNG);
		ResponseEntity<String> byOtherTenant = upload("citra", number, "guess.png", PNG);

		// Then each is refused with a reason, and the incident has no attachment
		assertThat(disguised.getStatusCode().value()).isEqualTo(415);
		assertThat(disguised.getBody()).contains("text/html").contains("cannot be attached");
		assertThat(empty.getStatusCode().value()).isEqualTo(400);
		assertThat(noFile.getStatusCode().value()).isEqualTo(400);
		assertThat(byAuditor.getStatusCode().value()).isEqualTo(403);
		assertThat(byOtherTenant.getStatusCode().value()).isEqualTo(404);
		assertThat(this.http.withBasicAuth("sam", "demo")
			.getForObject("/api/v1/incidents/" + number + "/attachments", String.class)).isEqualTo("[]");
	}

	private String report() throws Exception {
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth("alice", "demo");
		headers.setContentType(MediaType.APPLICATION_JSON);
		ResponseEntity<String> response = this.http.exchange("/api/v1/incidents", HttpMethod.POST,
				new HttpEntity<>(
						Map.of("summary", "Screen flickers", "category", "hardware", "impact", "LOW", "urgency", "LOW"),
						headers),
				String.class);
		assertThat(response.getStatusCode().value()).isEqualTo(201);
		return this.json.readTree(response.getBody()).get("number").asText();
	}

	private ResponseEntity<String> upload(String user, String number, String fileName, byte[] content) {
		var parts = new LinkedMultiValueMap<String, Object>();
		parts.add("file", new ByteArrayResource(content) {

			@Override
			public String getFilename() {
				return fileName;
			}

		});
		return exchange(user, number, parts);
	}

	private ResponseEntity<String> exchange(String user, String number, LinkedMultiValueMap<String, Object> parts) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth(user, "demo");
		headers.setContentType(MediaType.MULTIPART_FORM_DATA);
		return this.http.exchange("/api/v1/incidents/" + number + "/attachments", HttpMethod.POST,
				new HttpEntity<>(parts, headers), String.class);
	}

}

package org.incidentdesk.models;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * A deployment as Camunda Modeler sends it: {@code POST /engine-rest/deployment/create},
 * multipart, as the demo administrator unless said otherwise, with the models of the
 * project's {@code processes/} and {@code forms/} to start from.
 */
final class ModelerUpload {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	private ModelerUpload() {
	}

	/**
	 * @param tenantId the customer organisation of a variant, or {@code null} for the
	 * shared models
	 */
	static ResponseEntity<Map<String, Object>> deploy(TestRestTemplate http, String tenantId,
			Map<String, String> files) {
		return deployAs(http, "demo", tenantId, files);
	}

	/** The same, signed in as the given demo user. */
	static ResponseEntity<Map<String, Object>> deployAs(TestRestTemplate http, String userId, String tenantId,
			Map<String, String> files) {
		MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
		body.add("deployment-name", (tenantId != null) ? "variant for " + tenantId : "modeler test");
		body.add("deployment-source", "Camunda Modeler");
		if (tenantId != null) {
			body.add("tenant-id", tenantId);
		}
		files
			.forEach((name, content) -> body.add(name, new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {

				@Override
				public String getFilename() {
					return name;
				}

			}));
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.MULTIPART_FORM_DATA);
		return http.withBasicAuth(userId, "demo")
			.exchange("/engine-rest/deployment/create", HttpMethod.POST, new HttpEntity<>(body, headers), JSON);
	}

	/** A model of the project, from {@code processes/} or {@code forms/}. */
	static String model(String name) throws IOException {
		Path path = Path.of("processes", name);
		if (!Files.exists(path)) {
			path = Path.of("forms", name);
		}
		return Files.readString(path, StandardCharsets.UTF_8);
	}

}

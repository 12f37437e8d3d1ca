package org.incidentdesk.alert;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Service accounts, their tokens and Alertmanager notifications, for the full-stack
 * tests.
 */
final class AlertClients {

	static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
	};

	private final TestRestTemplate http;

	private final IdentityService identity;

	AlertClients(TestRestTemplate http, IdentityService identity) {
		this.http = http;
		this.identity = identity;
	}

	/**
	 * A user of the tenant with no group and no password: an account only tokens act as.
	 */
	String serviceAccount(String userId, String tenantId) {
		if (this.identity.createUserQuery().userId(userId).count() == 0) {
			User user = this.identity.newUser(userId);
			user.setFirstName("Monitoring");
			user.setLastName(tenantId);
			this.identity.saveUser(user);
			this.identity.createTenantUserMembership(tenantId, userId);
		}
		return userId;
	}

	/** Creates a token through the admin API as the demo administrator. */
	IssuedToken token(String tenantId, String userId) {
		ResponseEntity<Map<String, Object>> created = this.http.withBasicAuth("demo", "demo")
			.exchange("/api/v1/admin/api-tokens", HttpMethod.POST, new HttpEntity<>(
					Map.of("tenantId", tenantId, "userId", userId, "name", "Alertmanager " + tenantId)), MAP);
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		return new IssuedToken(((Number) created.getBody().get("id")).longValue(),
				(String) created.getBody().get("token"));
	}

	ResponseEntity<Map<String, Object>> post(String token, Object notification) {
		HttpHeaders headers = new HttpHeaders();
		if (token != null) {
			headers.setBearerAuth(token);
		}
		headers.setContentType(MediaType.APPLICATION_JSON);
		return this.http.exchange("/api/v1/alerts", HttpMethod.POST, new HttpEntity<>(notification, headers), MAP);
	}

	/** An Alertmanager version 4 notification of the given alerts. */
	static Map<String, Object> notification(String status, List<Map<String, Object>> alerts) {
		return Map.of("version", "4", "groupKey", "{}:{alertname=\"test\"}", "truncatedAlerts", 0, "status", status,
				"receiver", "incident-desk", "groupLabels", Map.of(), "commonLabels", Map.of(), "commonAnnotations",
				Map.of(), "externalURL", "http://alertmanager:9093", "alerts", alerts);
	}

	static Map<String, Object> firing(String fingerprint, Map<String, String> labels, Map<String, String> annotations) {
		return alert("firing", fingerprint, labels, annotations, "0001-01-01T00:00:00Z");
	}

	static Map<String, Object> resolved(String fingerprint, Map<String, String> labels, String endsAt) {
		return alert("resolved", fingerprint, labels, Map.of(), endsAt);
	}

	private static Map<String, Object> alert(String status, String fingerprint, Map<String, String> labels,
			Map<String, String> annotations, String endsAt) {
		var alert = new LinkedHashMap<String, Object>();
		alert.put("status", status);
		alert.put("labels", labels);
		alert.put("annotations", annotations);
		alert.put("startsAt", "2026-03-02T08:00:00Z");
		alert.put("endsAt", endsAt);
		alert.put("generatorURL", "http://prometheus:9090/graph?g0.expr=up%3D%3D0");
		if (fingerprint != null) {
			alert.put("fingerprint", fingerprint);
		}
		return alert;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> outcome(ResponseEntity<Map<String, Object>> response, int index) {
		return ((List<Map<String, Object>>) response.getBody().get("incidents")).get(index);
	}

}

package org.incidentdesk.alert;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.engine.IdentityService;
import org.incidentdesk.IncidentDeskTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.incidentdesk.alert.AlertClients.firing;
import static org.incidentdesk.alert.AlertClients.notification;

/**
 * Notifications the intake cannot take: a problem saying what to fix, and nothing
 * written.
 */
@IncidentDeskTest
class AlertValidationTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	IdentityService identity;

	@Autowired
	JdbcClient jdbc;

	AlertClients clients;

	String token;

	@BeforeEach
	void token() {
		this.clients = new AlertClients(this.http, this.identity);
		this.token = this.clients.token("acme", this.clients.serviceAccount("prometheus-acme", "acme")).token();
	}

	static Stream<Arguments> malformedNotifications() {
		var good = firing("0123456789abcdef", Map.of("alertname", "Good"), Map.of());
		var badStatus = new HashMap<>(firing("fedcba9876543210", Map.of("alertname", "Bad"), Map.of()));
		badStatus.put("status", "burning");
		var noLabels = new HashMap<>(firing("00000000000000aa", Map.of(), Map.of()));
		noLabels.remove("labels");
		return Stream.of(Arguments.of("not JSON", "{\"alerts\": [", "not valid JSON"),
				Arguments.of("no alerts", notification("firing", List.of()), "alerts must contain at least one alert"),
				Arguments.of("a bad status after a good alert", notification("firing", List.of(good, badStatus)),
						"alerts[1].status must be 'firing' or 'resolved'"),
				Arguments.of("an alert without labels", notification("firing", List.of(good, noLabels)),
						"alerts[1].labels must identify the alert"),
				Arguments.of("an alert that is not an object", "{\"alerts\": [\"firing\"]}", "alerts.0"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("malformedNotifications")
	void refusesMalformedNotificationsWithAProblemAndWritesNothing(String name, Object body, String expected) {
		// Given
		long incidents = count("incident");
		long occurrences = count("alert_occurrence");
		long locks = count("alert_lock");

		// When
		ResponseEntity<Map<String, Object>> response = this.clients.post(this.token, body);

		// Then
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat((String) response.getBody().get("detail")).contains(expected);
		assertThat(count("incident")).isEqualTo(incidents);
		assertThat(count("alert_occurrence")).isEqualTo(occurrences);
		assertThat(count("alert_lock")).isEqualTo(locks);
	}

	private long count(String table) {
		return this.jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

}

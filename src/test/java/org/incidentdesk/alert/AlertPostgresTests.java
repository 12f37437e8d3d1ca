package org.incidentdesk.alert;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.incidentdesk.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.incidentdesk.alert.AlertClients.firing;
import static org.incidentdesk.alert.AlertClients.notification;
import static org.incidentdesk.alert.AlertClients.outcome;
import static org.incidentdesk.alert.AlertClients.resolved;

/**
 * An alert's life on a real PostgreSQL: the migration, the per-alert lock
 * ({@code select ... for
 * update}) and the lock row made in a transaction of its own.
 */
@PostgresTest
class AlertPostgresTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	IdentityService identity;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anAlertOpensRepeatsAndResolvesOnPostgresql() {
		// Given a token of acme's monitoring
		AlertClients clients = new AlertClients(this.http, this.identity);
		String token = clients.token("acme", clients.serviceAccount("prometheus-acme", "acme")).token();
		Map<String, String> labels = Map.of("alertname", "VpnTunnelDown", "ci", "ACME-VPN", "severity", "critical");

		// When the alert fires, fires again and is resolved
		ResponseEntity<Map<String, Object>> opened = clients.post(token,
				notification("firing", List.of(firing(null, labels, Map.of()))));
		ResponseEntity<Map<String, Object>> repeated = clients.post(token,
				notification("firing", List.of(firing(null, labels, Map.of()))));
		ResponseEntity<Map<String, Object>> noted = clients.post(token,
				notification("resolved", List.of(resolved(null, labels, "2026-03-02T09:15:00Z"))));

		// Then one incident carries all of it
		assertThat(opened.getStatusCode()).isEqualTo(HttpStatus.OK);
		String number = (String) outcome(opened, 0).get("incidentNumber");
		assertThat(outcome(opened, 0)).containsEntry("action", "OPENED");
		assertThat(outcome(repeated, 0)).containsEntry("action", "REPEATED").containsEntry("incidentNumber", number);
		assertThat(outcome(noted, 0)).containsEntry("action", "RESOLVED_NOTED").containsEntry("incidentNumber", number);
		assertThat(this.jdbc.sql("select occurrences from alert_occurrence where incident_number = :n")
			.param("n", number)
			.query(Integer.class)
			.single()).isEqualTo(2);
		assertThat(this.jdbc.sql("select channel from incident where number = :n")
			.param("n", number)
			.query(String.class)
			.single()).isEqualTo("MONITORING");
	}

}

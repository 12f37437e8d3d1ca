package org.incidentdesk.metrics;

import org.incidentdesk.TestReports;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.incidentdesk.BothDatabases;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.incident.Channel;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.Level;
import org.incidentdesk.incident.ReportIncident;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operators' metrics in the shared context, on H2 and on PostgreSQL: counted after
 * the commit, and the gauges' queries run on either database. Read through
 * {@code /actuator/metrics}, which shows the same meters as the Prometheus export (that
 * export is off in Spring Boot's tests, and turning it on would start another context, as
 * {@link OperatorMetricsTests} does on H2 only).
 */
@IncidentDeskTest
@BothDatabases
class ActuatorMetricsTests {

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	@Autowired
	TestRestTemplate http;

	@Autowired
	IncidentService incidents;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void countsIncidentsOpenedPerChannelAndTenant() {
		// Given the count so far
		double before = measured("incidentdesk.incidents.opened", "tenant:globex", "channel:API");

		// When citra (globex) reports twice through the API
		report("citra", "Till does not print");
		report("citra", "Card reader is offline");

		// Then globex's API channel counts both
		assertThat(measured("incidentdesk.incidents.opened", "tenant:globex", "channel:API")).isEqualTo(before + 2);
	}

	@Test
	void aRolledBackReportCountsNothing() {
		// Given the count so far
		double before = measured("incidentdesk.incidents.opened", "tenant:globex", "channel:MONITORING");

		// When a report's transaction rolls back after the record and its process
		// were created
		new TransactionTemplate(this.transactions).executeWithoutResult(status -> {
			this.incidents.report(TestReports.report("Rolled back")
				.by("globex", "citra")
				.via(Channel.MONITORING)
				.description(null)
				.category("network")
				.levels(Level.HIGH, Level.HIGH)
				.build());
			status.setRollbackOnly();
		});

		// Then nothing counted
		assertThat(measured("incidentdesk.incidents.opened", "tenant:globex", "channel:MONITORING")).isEqualTo(before);
	}

	@Test
	void readsTheBacklogAndTheOutbox() {
		// Given at least one incident, which queues its caller's confirmation and starts
		// its SLA timers
		report("citra", "Shelf label printer is offline");

		// Then the gauges read the database without failing
		for (String gauge : List.of("incidentdesk.jobs.due", "incidentdesk.jobs.oldest.due.age",
				"incidentdesk.jobs.failed", "incidentdesk.outbox.failed")) {
			assertThat(measured(gauge)).as(gauge).isNotNaN().isGreaterThanOrEqualTo(0);
		}
		assertThat(measured("incidentdesk.outbox.pending")).isPositive();
	}

	/** The meter's value (a counter's count, a gauge's value), 0 if it has none yet. */
	@SuppressWarnings("unchecked")
	private double measured(String name, String... tags) {
		StringBuilder uri = new StringBuilder("/actuator/metrics/" + name);
		for (int i = 0; i < tags.length; i++) {
			uri.append((i == 0) ? '?' : '&').append("tag=").append(tags[i]);
		}
		ResponseEntity<Map<String, Object>> response = this.http.withBasicAuth("demo", "demo")
			.exchange(uri.toString(), HttpMethod.GET, null, MAP);
		if (response.getStatusCode() == HttpStatus.NOT_FOUND) {
			return 0;
		}
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		var measurements = (List<Map<String, Object>>) response.getBody().get("measurements");
		return ((Number) measurements.get(0).get("value")).doubleValue();
	}

	private void report(String caller, String summary) {
		Map<String, Object> body = new HashMap<>(
				Map.of("summary", summary, "category", "hardware", "impact", "LOW", "urgency", "MEDIUM"));
		ResponseEntity<Map<String, Object>> response = this.http.withBasicAuth(caller, "demo")
			.exchange("/api/v1/incidents", HttpMethod.POST, new HttpEntity<>(body), MAP);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
	}

}

package org.incidentdesk.alert;

import org.incidentdesk.BothDatabases;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.IdentityService;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.incident.IncidentService;
import org.junit.jupiter.api.BeforeEach;
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
import static org.incidentdesk.alert.AlertClients.firing;
import static org.incidentdesk.alert.AlertClients.notification;
import static org.incidentdesk.alert.AlertClients.outcome;
import static org.incidentdesk.alert.AlertClients.resolved;

/** Alertmanager notifications over HTTP, into incidents of the token's tenant. */
@IncidentDeskTest
class AlertIntakeTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	IdentityService identity;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	IncidentService incidents;

	AlertClients clients;

	String acmeToken;

	@BeforeEach
	void tokens() {
		this.clients = new AlertClients(this.http, this.identity);
		this.acmeToken = this.clients.token("acme", this.clients.serviceAccount("prometheus-acme", "acme")).token();
	}

	@Test
	void aFiringAlertOpensOneMonitoringIncidentOnItsConfigurationItem() {
		// Given a new critical alert about the VPN
		String fingerprint = newFingerprint();
		var alert = firing(fingerprint,
				Map.of("alertname", "VpnTunnelDown", "ci", "ACME-VPN", "severity", "critical", "category", "network"),
				Map.of("summary", "VPN tunnel to Jakarta is down", "description", "No traffic for 5 minutes."));

		// When Alertmanager delivers it
		ResponseEntity<Map<String, Object>> response = this.clients.post(this.acmeToken,
				notification("firing", List.of(alert)));

		// Then one incident is opened, through monitoring, on ACME-VPN, as a high-impact,
		// urgent one
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(outcome(response, 0)).containsEntry("fingerprint", fingerprint).containsEntry("action", "OPENED");
		String number = (String) outcome(response, 0).get("incidentNumber");
		Map<String, Object> incident = incident(number);
		assertThat(incident).containsEntry("TENANT_ID", "acme")
			.containsEntry("CALLER_ID", "prometheus-acme")
			.containsEntry("CHANNEL", "MONITORING")
			.containsEntry("SUMMARY", "VPN tunnel to Jakarta is down")
			.containsEntry("CATEGORY", "network")
			.containsEntry("IMPACT", "HIGH")
			.containsEntry("URGENCY", "HIGH")
			.containsEntry("CI_NAME", "ACME-VPN");
		assertThat((String) incident.get("DESCRIPTION")).startsWith("No traffic for 5 minutes.")
			.contains("alertname=VpnTunnelDown")
			.contains("Source: http://prometheus:9090/graph");
		assertThat(occurrences(fingerprint)).singleElement()
			.satisfies(row -> assertThat(row).containsEntry("INCIDENT_NUMBER", number)
				.containsEntry("OCCURRENCES", 1)
				.containsEntry("STATUS", "FIRING"));
	}

	@Test
	void anAlertFiringAgainIsCountedOnItsOpenIncidentWithoutANewOne() {
		// Given an alert that opened an incident
		String fingerprint = newFingerprint();
		var alert = firing(fingerprint, Map.of("alertname", "DiskAlmostFull", "instance", "ACME-SRV-01:9100"),
				Map.of());
		String number = (String) outcome(this.clients.post(this.acmeToken, notification("firing", List.of(alert))), 0)
			.get("incidentNumber");
		long incidentsBefore = count("incident");

		// When it fires again
		ResponseEntity<Map<String, Object>> again = this.clients.post(this.acmeToken,
				notification("firing", List.of(alert)));

		// Then it is a repeat on the same incident, counted and noted
		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(outcome(again, 0)).containsEntry("incidentNumber", number).containsEntry("action", "REPEATED");
		assertThat(count("incident")).isEqualTo(incidentsBefore);
		assertThat(occurrences(fingerprint)).singleElement()
			.satisfies(row -> assertThat(row).containsEntry("OCCURRENCES", 2));
		assertThat(workNotes(number)).contains("Alert fired again (occurrence 2)");
		// and the instance label without its port found the server in the CMDB
		assertThat(incident(number)).containsEntry("CI_NAME", "ACME-SRV-01");
	}

	@Test
	void aResolvedAlertIsNotedOnItsIncident() {
		// Given an alert that opened an incident
		String fingerprint = newFingerprint();
		Map<String, String> labels = Map.of("alertname", "ErpSlow", "severity", "warning");
		String number = (String) outcome(this.clients.post(this.acmeToken,
				notification("firing", List.of(firing(fingerprint, labels, Map.of())))), 0)
			.get("incidentNumber");

		// When monitoring reports it resolved
		ResponseEntity<Map<String, Object>> response = this.clients.post(this.acmeToken,
				notification("resolved", List.of(resolved(fingerprint, labels, "2026-03-02T09:15:00Z"))));

		// Then the incident has a work note saying so, and stays as it was
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(outcome(response, 0)).containsEntry("incidentNumber", number)
			.containsEntry("action", "RESOLVED_NOTED");
		assertThat(workNotes(number)).contains("Monitoring reports the alert resolved at 2026-03-02T09:15:00Z");
		assertThat(incident(number)).containsEntry("STATE", "NEW").containsEntry("IMPACT", "MEDIUM");
		assertThat(occurrences(fingerprint)).singleElement()
			.satisfies(row -> assertThat(row).containsEntry("STATUS", "RESOLVED"));
	}

	@Test
	void aResolvedAlertWithoutAnIncidentIsIgnored() {
		// When an alert nobody saw fire is reported resolved
		ResponseEntity<Map<String, Object>> response = this.clients.post(this.acmeToken, notification("resolved",
				List.of(resolved(newFingerprint(), Map.of("alertname", "Flapping"), "2026-03-02T09:15:00Z"))));

		// Then nothing happens
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(outcome(response, 0)).containsEntry("action", "IGNORED").doesNotContainKey("incidentNumber");
	}

	@Test
	void anAlertWithoutFingerprintIsRecognisedByItsLabels() {
		// Given an alert without fingerprint that opened an incident
		Map<String, String> labels = Map.of("alertname", "PrinterOffline", "printer", UUID.randomUUID().toString());
		ResponseEntity<Map<String, Object>> first = this.clients.post(this.acmeToken,
				notification("firing", List.of(firing(null, labels, Map.of()))));

		// When the same alert fires again, still without fingerprint
		ResponseEntity<Map<String, Object>> again = this.clients.post(this.acmeToken,
				notification("firing", List.of(firing(null, labels, Map.of()))));

		// Then its fingerprint is the one of its labels, and it is a repeat
		assertThat(outcome(first, 0)).containsEntry("fingerprint", Fingerprints.of(labels))
			.containsEntry("action", "OPENED");
		assertThat(outcome(again, 0)).containsEntry("incidentNumber", outcome(first, 0).get("incidentNumber"))
			.containsEntry("action", "REPEATED");
	}

	@Test
	void anUnknownConfigurationItemIsLeftOutAndSaidSo() {
		// Given an alert naming another tenant's item, with a made-up category
		var alert = firing(newFingerprint(),
				Map.of("alertname", "WifiDown", "ci", "GLX-WIFI", "category", "weather", "severity", "info"), Map.of());

		// When it arrives
		String number = (String) outcome(this.clients.post(this.acmeToken, notification("firing", List.of(alert))), 0)
			.get("incidentNumber");

		// Then the incident has no item, says why, and falls back to category other
		Map<String, Object> incident = incident(number);
		assertThat(incident).containsEntry("CI_NAME", null)
			.containsEntry("CATEGORY", "other")
			.containsEntry("SUMMARY", "WifiDown")
			.containsEntry("IMPACT", "LOW");
		assertThat((String) incident.get("DESCRIPTION")).contains("'GLX-WIFI'").contains("not in the CMDB of acme");
	}

	@Test
	void anAlertWhoseIncidentWasCancelledOpensANewOne() {
		// Given an alert whose incident was cancelled
		String fingerprint = newFingerprint();
		var alert = firing(fingerprint, Map.of("alertname", "MailQueueStuck"), Map.of());
		String first = (String) outcome(this.clients.post(this.acmeToken, notification("firing", List.of(alert))), 0)
			.get("incidentNumber");
		this.incidents.withdraw(first, (String) incident(first).get("CALLER_ID"), "False alarm");
		assertThat(incident(first)).containsEntry("STATE", "CANCELLED");

		// When it fires again
		ResponseEntity<Map<String, Object>> again = this.clients.post(this.acmeToken,
				notification("firing", List.of(alert)));

		// Then a new incident is opened for it
		assertThat(outcome(again, 0)).containsEntry("action", "OPENED");
		assertThat(outcome(again, 0).get("incidentNumber")).isNotEqualTo(first);
		assertThat(occurrences(fingerprint)).hasSize(2);
	}

	@Test
	void handlesEveryAlertOfANotification() {
		// Given a notification with two new alerts, a repeat of the first within the same
		// notification and a field a later Alertmanager might add
		String one = newFingerprint();
		String two = newFingerprint();
		var first = firing(one, Map.of("alertname", "One"), Map.of());
		Map<String, Object> body = new HashMap<>(
				notification("firing", List.of(first, firing(two, Map.of("alertname", "Two"), Map.of()), first)));
		body.put("someFutureField", "ignored");

		// When it arrives
		ResponseEntity<Map<String, Object>> response = this.clients.post(this.acmeToken, body);

		// Then the outcomes come in the order of the alerts
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(outcome(response, 0)).containsEntry("action", "OPENED");
		assertThat(outcome(response, 1)).containsEntry("action", "OPENED");
		assertThat(outcome(response, 2)).containsEntry("action", "REPEATED")
			.containsEntry("incidentNumber", outcome(response, 0).get("incidentNumber"));
	}

	@Test
	void aTokenOfOneTenantNeverTouchesAnotherTenantsIncidents() {
		// Given globex's monitoring opened an incident for an alert
		String globexToken = this.clients.token("globex", this.clients.serviceAccount("prometheus-globex", "globex"))
			.token();
		String fingerprint = newFingerprint();
		Map<String, String> labels = Map.of("alertname", "WifiDown", "ci", "GLX-WIFI");
		String globexNumber = (String) outcome(
				this.clients.post(globexToken, notification("firing", List.of(firing(fingerprint, labels, Map.of())))),
				0)
			.get("incidentNumber");

		// When acme's token sends the same alert, firing and then resolved
		ResponseEntity<Map<String, Object>> fired = this.clients.post(this.acmeToken,
				notification("firing", List.of(firing(fingerprint, labels, Map.of()))));
		ResponseEntity<Map<String, Object>> resolved = this.clients.post(this.acmeToken,
				notification("resolved", List.of(resolved(fingerprint, labels, "2026-03-02T09:15:00Z"))));

		// Then acme gets its own incident, without globex's item, and globex's incident
		// is untouched
		assertThat(outcome(fired, 0)).containsEntry("action", "OPENED");
		String acmeNumber = (String) outcome(fired, 0).get("incidentNumber");
		assertThat(acmeNumber).isNotEqualTo(globexNumber);
		assertThat(incident(acmeNumber)).containsEntry("TENANT_ID", "acme").containsEntry("CI_NAME", null);
		assertThat(outcome(resolved, 0)).containsEntry("incidentNumber", acmeNumber);
		assertThat(incident(globexNumber)).containsEntry("TENANT_ID", "globex").containsEntry("CI_NAME", "GLX-WIFI");
		assertThat(workNotes(globexNumber))
			.noneMatch(note -> note.startsWith("Alert") || note.startsWith("Monitoring"));
		assertThat(this.jdbc.sql("select occurrences from alert_occurrence where incident_number = :n")
			.param("n", globexNumber)
			.query(Integer.class)
			.single()).isEqualTo(1);
		// and the token opens nothing but the alert intake
		HttpHeaders bearer = new HttpHeaders();
		bearer.setBearerAuth(this.acmeToken);
		assertThat(this.http
			.exchange("/api/v1/incidents/" + globexNumber, HttpMethod.GET, new HttpEntity<>(bearer), String.class)
			.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(this.http
			.exchange("/api/v1/incidents/" + acmeNumber, HttpMethod.GET, new HttpEntity<>(bearer), String.class)
			.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void twoDeliveriesOfTheSameNewAlertAtOnceOpenOneIncident() throws Exception {
		// Given the same new alert, delivered twice at the same moment (two
		// Alertmanager replicas)
		String fingerprint = newFingerprint();
		var body = notification("firing", List.of(firing(fingerprint, Map.of("alertname", "Twice"), Map.of())));
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<CompletableFuture<ResponseEntity<Map<String, Object>>>> deliveries = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				deliveries.add(CompletableFuture.supplyAsync(() -> {
					awaitQuietly(start);
					return this.clients.post(this.acmeToken, body);
				}, pool));
			}

			// When both arrive
			start.countDown();
			List<ResponseEntity<Map<String, Object>>> responses = deliveries.stream()
				.map(delivery -> delivery.orTimeout(60, TimeUnit.SECONDS).join())
				.toList();

			// Then one incident is opened: the other delivery repeats it, or is
			// asked to retry
			assertThat(occurrences(fingerprint)).hasSize(1);
			assertThat(responses).allSatisfy(response -> assertThat(response.getStatusCode()).isIn(HttpStatus.OK,
					HttpStatus.SERVICE_UNAVAILABLE));
			assertThat(responses).filteredOn(response -> response.getStatusCode() == HttpStatus.OK)
				.extracting(response -> outcome(response, 0).get("action"))
				.containsOnlyOnce("OPENED");
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aNotificationTooLargeIsRefusedAndNothingIsWritten() {
		// Given a notification over 1 MB
		long before = count("incident");
		var alert = firing(newFingerprint(), Map.of("alertname", "Huge"), Map.of("description", "x".repeat(1_100_000)));

		// When it arrives
		ResponseEntity<Map<String, Object>> response = this.clients.post(this.acmeToken,
				notification("firing", List.of(alert)));

		// Then it is refused with a problem saying what to do
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat((String) response.getBody().get("detail")).contains("max_alerts");
		assertThat(count("incident")).isEqualTo(before);
	}

	@BothDatabases
	@Test
	void anAlertOpensRepeatsAndResolvesOnOneIncident() {
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

	private Map<String, Object> incident(String number) {
		return this.jdbc.sql("""
				select i.*, c.name as ci_name from incident i left join configuration_item c on c.id = i.ci_id
				where i.number = :number
				""").param("number", number).query().singleRow();
	}

	private List<Map<String, Object>> occurrences(String fingerprint) {
		return this.jdbc.sql("select * from alert_occurrence where fingerprint = :fp order by id")
			.param("fp", fingerprint)
			.query()
			.listOfRows();
	}

	private List<String> workNotes(String number) {
		return this.jdbc.sql("""
				select a.body from incident_activity a join incident i on i.id = a.incident_id
				where i.number = :number and a.kind = 'WORK_NOTE' and a.visibility = 'INTERNAL' order by a.id
				""").param("number", number).query(String.class).list();
	}

	private long count(String table) {
		return this.jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

	private static String newFingerprint() {
		return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}

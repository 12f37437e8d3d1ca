package org.incidentdesk.incident;

import org.incidentdesk.JakartaSlaScenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.incidentdesk.BothDatabases;
import org.incidentdesk.IncidentDeskTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The record's {@code sla} object shows the time used, paused and left in the incident's
 * clock, and the report counts the paused time: a P3 of an organisation in Jakarta
 * (Monday to Friday 08:00-17:00), on the engine clock, through the REST API.
 */
@IncidentDeskTest
@BothDatabases
class SlaViewTests extends JakartaSlaScenario {

	@Test
	void theRecordShowsElapsedPausedAndRemainingBusinessTime() throws Exception {
		// Given a P3 reported Monday 09:00: resolve within 8 business hours, by 17:00
		String tenant = tenantWithCalendar();
		String number = reportAt(jakarta(9, 9, 0), tenant);

		// While it runs, at 09:30: half an hour used, 7.5 hours left
		at(jakarta(9, 9, 30));
		JsonNode sla = sla(number, "sam");
		assertThat(sla.get("clock").asText()).isEqualTo("BUSINESS_HOURS");
		assertThat(sla.get("paused").asBoolean()).isFalse();
		assertThat(sla.get("pausedSeconds").asLong()).isZero();
		assertThat(sla.get("elapsedSeconds").asLong()).isEqualTo(1800);
		assertThat(sla.get("remainingSeconds").asLong()).isEqualTo(27000);
		assertThat(zoned(sla.get("resolutionWarningAt").asText())).isEqualTo(jakarta(9, 15, 24));

		// On hold awaiting the vendor from 09:30, read at 10:30: paused an hour, and
		// elapsed and remaining stand still
		expect(as("sam", HttpMethod.POST, "/api/v1/incidents/" + number + "/hold",
				Map.of("reason", "AWAITING_VENDOR", "comment", "The vendor ships a part.")), HttpStatus.NO_CONTENT);
		at(jakarta(9, 10, 30));
		sla = sla(number, "sam");
		assertThat(sla.get("paused").asBoolean()).isTrue();
		assertThat(sla.get("pausedSeconds").asLong()).isEqualTo(3600);
		assertThat(sla.get("elapsedSeconds").asLong()).isEqualTo(1800);
		assertThat(sla.get("remainingSeconds").asLong()).isEqualTo(27000);
		// the caller sees it too
		assertThat(sla(number, "caller-" + tenant).get("paused").asBoolean()).isTrue();

		// Resumed at 11:30, read at 12:00: two hours paused, one used, seven left (due
		// Tuesday 10:00, warned Tuesday 08:24)
		at(jakarta(9, 11, 30));
		expect(as("sam", HttpMethod.POST, "/api/v1/incidents/" + number + "/resume", null), HttpStatus.NO_CONTENT);
		at(jakarta(9, 12, 0));
		sla = sla(number, "sam");
		assertThat(sla.get("paused").asBoolean()).isFalse();
		assertThat(sla.get("pausedSeconds").asLong()).isEqualTo(7200);
		assertThat(sla.get("elapsedSeconds").asLong()).isEqualTo(3600);
		assertThat(sla.get("remainingSeconds").asLong()).isEqualTo(25200);
		assertThat(zoned(sla.get("resolutionWarningAt").asText())).isEqualTo(jakarta(10, 8, 24));

		// Overnight nothing passes: Monday 20:00 and Tuesday 08:00 both have two hours
		// left
		at(jakarta(9, 20, 0));
		assertThat(sla(number, "sam").get("remainingSeconds").asLong()).isEqualTo(7200);
		at(jakarta(10, 8, 0));
		assertThat(sla(number, "sam").get("remainingSeconds").asLong()).isEqualTo(7200);

		// Overdue on Tuesday 11:00: nine business hours used, one hour late
		at(jakarta(10, 11, 0));
		sla = sla(number, "sam");
		assertThat(sla.get("elapsedSeconds").asLong()).isEqualTo(32400);
		assertThat(sla.get("remainingSeconds").asLong()).isEqualTo(-3600);

		// Resolved then, and read on Wednesday: the figures stand at the resolution
		expect(as("sam", HttpMethod.POST, "/api/v1/incidents/" + number + "/resolve",
				Map.of("resolutionCode", "SOLVED_PERMANENTLY", "resolutionNotes", "Part replaced.")),
				HttpStatus.NO_CONTENT);
		at(jakarta(11, 14, 0));
		sla = sla(number, "sam");
		assertThat(sla.get("paused").asBoolean()).isFalse();
		assertThat(sla.get("pausedSeconds").asLong()).isEqualTo(7200);
		assertThat(sla.get("elapsedSeconds").asLong()).isEqualTo(32400);
		assertThat(sla.get("remainingSeconds").asLong()).isEqualTo(-3600);
		// and the existing fields stay
		JsonNode incident = read("sam", "/api/v1/incidents/" + number);
		assertThat(zoned(incident.get("resolutionDueAt").asText())).isEqualTo(jakarta(10, 10, 0));
		assertThat(incident.get("resolutionSlaBreached").asBoolean()).isTrue();
		// lists stay as they were, without the sla object
		JsonNode list = read("sam", "/api/v1/incidents?tenantId=" + tenant);
		assertThat(list.toString()).contains(number).doesNotContain("\"sla\"");
	}

	@Test
	void theReportCountsThePausedTimeOfTheClosedIncidents() throws Exception {
		String tenant = tenantWithCalendar();
		// one paused two business hours, resolved and confirmed
		String first = reportAt(jakarta(9, 9, 0), tenant);
		at(jakarta(9, 9, 30));
		hold(first);
		at(jakarta(9, 11, 30));
		expect(as("sam", HttpMethod.POST, "/api/v1/incidents/" + first + "/resume", null), HttpStatus.NO_CONTENT);
		at(jakarta(9, 12, 0));
		resolveAndConfirm(first, tenant);
		// one resolved while on hold, 25 minutes after the hold began (and before its
		// response was due), and confirmed
		String second = reportAt(jakarta(9, 13, 0), tenant);
		at(jakarta(9, 13, 30));
		hold(second);
		at(jakarta(9, 13, 55));
		resolveAndConfirm(second, tenant);
		// one never paused, resolved and confirmed
		String third = reportAt(jakarta(9, 15, 0), tenant);
		at(jakarta(9, 15, 30));
		resolveAndConfirm(third, tenant);
		// and one on hold now
		String fourth = reportAt(jakarta(9, 16, 0), tenant);
		at(jakarta(9, 16, 30));
		hold(fourth);

		JsonNode figures = read("audrey",
				"/api/v1/reports/incidents?tenantId=" + tenant + "&from=2026-03-01&to=2026-04-01")
			.get("tenants")
			.get(0);
		assertThat(figures.get("closed").asLong()).isEqualTo(3);
		assertThat(figures.get("slaMet").asLong()).isEqualTo(3);
		assertThat(figures.get("slaBreached").asLong()).isZero();
		assertThat(figures.get("pausedIncidents").asLong()).isEqualTo(2);
		assertThat(figures.get("pausedSeconds").asLong()).isEqualTo(7200 + 1500);
		assertThat(figures.get("meanPausedSeconds").asDouble()).isEqualTo(2900.0);
		assertThat(figures.get("pausedNow").asLong()).isEqualTo(1);
		String csv = expect(as("audrey", HttpMethod.GET,
				"/api/v1/reports/incidents?format=csv&tenantId=" + tenant + "&from=2026-03-01&to=2026-04-01", null),
				HttpStatus.OK)
			.getBody();
		assertThat(csv).contains("paused_incidents,paused_seconds,mean_paused_seconds,paused_now")
			.contains(",2,8700,2900.0,1");
	}

	private void hold(String number) {
		expect(as("sam", HttpMethod.POST, "/api/v1/incidents/" + number + "/hold",
				Map.of("reason", "AWAITING_VENDOR", "comment", "The vendor ships a part.")), HttpStatus.NO_CONTENT);
	}

	private void resolveAndConfirm(String number, String tenant) {
		expect(as("sam", HttpMethod.POST, "/api/v1/incidents/" + number + "/resolve",
				Map.of("resolutionCode", "SOLVED_PERMANENTLY", "resolutionNotes", "Part replaced.")),
				HttpStatus.NO_CONTENT);
		expect(as("caller-" + tenant, HttpMethod.POST, "/api/v1/incidents/" + number + "/resolution",
				Map.of("accepted", true)), HttpStatus.NO_CONTENT);
	}

	private JsonNode sla(String number, String user) throws Exception {
		JsonNode sla = read(user, "/api/v1/incidents/" + number).get("sla");
		assertThat(sla).as("the sla object").isNotNull();
		return sla;
	}

}

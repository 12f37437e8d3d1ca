package org.incidentdesk.portal;

import org.incidentdesk.JakartaSlaScenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
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
import org.incidentdesk.IncidentDeskTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The caller's incident page shows the resolution due date in the organisation's time
 * zone, named, the time left in the incident's clock, and that the clock is paused while
 * the incident is on hold; in English and Bahasa Indonesia. The engine clock plays the
 * hours of an organisation in Jakarta (Monday to Friday 08:00-17:00).
 */
@IncidentDeskTest
class IncidentSlaPageTests extends JakartaSlaScenario {

	@LocalServerPort
	int port;

	@Test
	void theCallerSeesTheDueDateInTheirZoneTheTimeLeftAndThePause() throws Exception {
		// Given a P3 reported Monday 09:00 in Jakarta, due 17:00 (10:00 UTC)
		String tenant = tenantWithCalendar();
		String caller = "caller-" + tenant;
		String number = reportAt(jakarta(9, 9, 0), tenant);
		PortalSession session = PortalSession.signedIn(this.port, caller, "demo");
		String path = "/portal/incidents/" + number;

		// At 09:30 it shows the due date in Jakarta time and 7.5 business hours left
		at(jakarta(9, 9, 30));
		String page = session.get(path + "?lang=en").body();
		assertThat(page).contains("2026-03-09 17:00 Asia/Jakarta</time>", "7 h 30 min", "(in business hours)")
			.doesNotContain("incident-paused");
		// the timeline's due date too
		assertThat(page).contains("Resolution due: 2026-03-09 17:00 Asia/Jakarta").doesNotContain("10:00 UTC");

		// On hold awaiting the vendor from 09:30, at 10:30 the time left stands still
		// and the page says the clock is paused
		expect(as("sam", HttpMethod.POST, "/api/v1/incidents/" + number + "/hold",
				Map.of("reason", "AWAITING_VENDOR", "comment", "The vendor ships a part.")), HttpStatus.NO_CONTENT);
		at(jakarta(9, 10, 30));
		page = session.get(path + "?lang=en").body();
		assertThat(page).contains("7 h 30 min", "id=\"incident-paused\"", "paused while the incident is on hold");
		assertThat(session.get(path + "?lang=id").body()).contains("7 jam 30 menit", "(dalam jam kerja)",
				"dijeda selama insiden ditunda", "2026-03-09 17:00 Asia/Jakarta");

		// Resumed at 11:30, it is due Tuesday 10:00 Jakarta time; overdue on Tuesday
		// 11:00 by an hour
		at(jakarta(9, 11, 30));
		expect(as("sam", HttpMethod.POST, "/api/v1/incidents/" + number + "/resume", null), HttpStatus.NO_CONTENT);
		at(jakarta(10, 11, 0));
		page = session.get(path + "?lang=en").body();
		assertThat(page).contains("2026-03-10 10:00 Asia/Jakarta", "overdue by 1 h 0 min")
			.doesNotContain("incident-paused");
		assertThat(session.get(path + "?lang=id").body()).contains("terlambat 1 jam 0 menit");
	}

}

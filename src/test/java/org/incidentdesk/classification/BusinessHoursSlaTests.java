package org.incidentdesk.classification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.incidentdesk.BothDatabases;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.TestReports;
import org.incidentdesk.incident.Channel;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.Level;
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

/**
 * SLA targets in business time, as SlaTargets.dmn says per priority: a P3 counts only the
 * working hours of its customer organisation's calendar, in its time zone and without its
 * holidays; a P1 runs around the clock. The engine clock is set to the moment of the
 * report, and the timers are due when the record says.
 */
@IncidentDeskTest
@BothDatabases
class BusinessHoursSlaTests {

	private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");

	/** A Friday, 16:00 in Jakarta. */
	private static final ZonedDateTime FRIDAY_4PM = ZonedDateTime.of(LocalDateTime.of(2026, 3, 6, 16, 0), JAKARTA);

	@Autowired
	IncidentService incidents;

	@Autowired
	IdentityService identity;

	@Autowired
	ManagementService management;

	@Autowired
	TestRestTemplate http;

	@AfterEach
	void resetClock() {
		ClockUtil.reset();
	}

	@Test
	void aP3OfEightWorkingHoursReportedFridayAfternoonIsDueMondayAfternoon() {
		// Given an organisation in Jakarta that works Monday to Friday 08:00-17:00
		String tenant = tenantWithCalendar(List.of());

		// When a P3 (8 working hours to resolve, 1 to respond) is reported Friday 16:00
		Incident incident = reportAt(FRIDAY_4PM, tenant, Level.MEDIUM, Level.MEDIUM);

		// Then it must be answered by Friday 17:00 and resolved by Monday 15:00 Jakarta
		// time, warned at 80 % (6.4 working hours: Monday 13:24)
		assertThat(incident.priority()).isEqualTo("P3");
		assertThat(incident.responseDueAt().toInstant()).isEqualTo(FRIDAY_4PM.plusHours(1).toInstant());
		assertThat(incident.resolutionDueAt().toInstant()).isEqualTo(jakarta(2026, 3, 9, 15, 0).toInstant());
		// And the breach timer waits for that moment
		assertThat(timerDueDates(incident)).contains(Date.from(incident.resolutionDueAt().toInstant()),
				Date.from(jakarta(2026, 3, 9, 13, 24).toInstant()));
	}

	@Test
	void aHolidayMovesTheDueDateByAWorkingDay() {
		// Given the Monday is a holiday of the organisation
		String tenant = tenantWithCalendar(List.of(Map.of("date", "2026-03-09", "name", "Test holiday")));

		// When the same P3 is reported Friday 16:00
		Incident incident = reportAt(FRIDAY_4PM, tenant, Level.MEDIUM, Level.MEDIUM);

		// Then it is due Tuesday 15:00
		assertThat(incident.resolutionDueAt().toInstant()).isEqualTo(jakarta(2026, 3, 10, 15, 0).toInstant());
	}

	@Test
	void aP1IgnoresTheCalendar() {
		String tenant = tenantWithCalendar(List.of());

		// When a P1 (4 hours to resolve, around the clock) is reported Friday 16:00
		Incident incident = reportAt(FRIDAY_4PM, tenant, Level.HIGH, Level.HIGH);

		// Then it is due Friday 20:00, outside working hours
		assertThat(incident.priority()).isEqualTo("P1");
		assertThat(Duration.between(incident.createdAt(), incident.resolutionDueAt())).isEqualTo(Duration.ofHours(4));
		assertThat(incident.resolutionDueAt().toInstant()).isEqualTo(FRIDAY_4PM.plusHours(4).toInstant());
	}

	private Incident reportAt(ZonedDateTime when, String tenant, Level impact, Level urgency) {
		ClockUtil.setCurrentTime(Date.from(when.toInstant()));
		return this.incidents.report(TestReports.report("Scanner offline")
			.by(tenant, "caller-" + tenant)
			.via(Channel.PHONE)
			.category("hardware")
			.levels(impact, urgency)
			.build());
	}

	private List<Date> timerDueDates(Incident incident) {
		return this.management.createJobQuery()
			.processInstanceId(incident.processInstanceId())
			.timers()
			.list()
			.stream()
			.map(Job::getDuedate)
			.toList();
	}

	/** A new organisation with a Jakarta calendar, set through the admin API. */
	private String tenantWithCalendar(List<Map<String, String>> holidays) {
		String id = "bh-" + UUID.randomUUID().toString().substring(0, 8);
		Tenant tenant = this.identity.newTenant(id);
		tenant.setName("Business hours " + id);
		this.identity.saveTenant(tenant);
		User caller = this.identity.newUser("caller-" + id);
		caller.setFirstName("Caller");
		caller.setLastName(id);
		caller.setPassword(UUID.randomUUID().toString());
		this.identity.saveUser(caller);
		this.identity.createMembership(caller.getId(), "customers");
		this.identity.createTenantUserMembership(id, caller.getId());
		List<String> day = List.of("08:00-17:00");
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		ResponseEntity<String> set = this.http.withBasicAuth("demo", "demo")
			.exchange("/api/v1/admin/tenants/" + id + "/calendar", HttpMethod.PUT,
					new HttpEntity<>(Map.of("timeZone", "Asia/Jakarta", "workingHours",
							Map.of("MONDAY", day, "TUESDAY", day, "WEDNESDAY", day, "THURSDAY", day, "FRIDAY", day),
							"holidays", holidays), headers),
					String.class);
		assertThat(set.getStatusCode()).as(set.getBody()).isEqualTo(HttpStatus.OK);
		return id;
	}

	private static ZonedDateTime jakarta(int year, int month, int day, int hour, int minute) {
		return ZonedDateTime.of(LocalDateTime.of(year, month, day, hour, minute), JAKARTA);
	}

}

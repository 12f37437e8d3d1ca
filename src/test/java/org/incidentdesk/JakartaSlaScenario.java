package org.incidentdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.incidentdesk.incident.IncidentRecords;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the SLA scenarios share: an organisation in Jakarta with a calendar, reports at a
 * given engine time, and the SLA dates as the record, the variables and the timers have
 * them.
 */
public abstract class JakartaSlaScenario {

	protected static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");

	protected static final DateTimeFormatter ENGINE_REST = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

	protected static final String RETIMING = "/api/v1/admin/sla/retiming";

	protected static final List<String> NINE_TO_FIVE = List.of("08:00-17:00");

	protected static final List<String> WITH_LUNCH = List.of("08:00-12:00", "13:00-17:00");

	protected static final List<String> WHOLE_DAY = List.of("00:00-24:00");

	@AfterEach
	void resetClock() {
		ClockUtil.reset();
	}

	@Autowired
	protected TestRestTemplate http;

	@Autowired
	protected IdentityService identity;

	@Autowired
	protected ManagementService management;

	@Autowired
	protected IncidentRecords records;

	@Autowired
	protected JdbcClient jdbc;

	@Autowired
	protected ObjectMapper json;

	protected JsonNode retime(Map<String, Object> body, HttpStatus status) throws Exception {
		return this.json.readTree(expect(as("demo", HttpMethod.POST, RETIMING, body), status).getBody());
	}

	protected void calendar(String tenant, List<String> day) {
		Map<String, Object> week = new HashMap<>();
		for (String weekday : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")) {
			week.put(weekday, day);
		}
		expect(as("demo", HttpMethod.PUT, "/api/v1/admin/tenants/" + tenant + "/calendar",
				Map.of("timeZone", "Asia/Jakarta", "workingHours", week, "holidays", List.of())), HttpStatus.OK);
	}

	/** Response, warning (the process variable) and resolution due, in Jakarta time. */
	protected List<ZonedDateTime> dates(String number) throws Exception {
		JsonNode incident = read("sam", "/api/v1/incidents/" + number);
		String processInstance = read("demo", "/engine-rest/process-instance?businessKey=" + number).get(0)
			.get("id")
			.asText();
		JsonNode warning = read("demo",
				"/engine-rest/process-instance/" + processInstance + "/variables/resolutionWarningAt");
		return List.of(zoned(incident.get("responseDueAt").asText()),
				OffsetDateTime.parse(warning.get("value").asText(), ENGINE_REST).toInstant().atZone(JAKARTA),
				zoned(incident.get("resolutionDueAt").asText()));
	}

	protected Instant timer(String number, String activity) throws Exception {
		String processInstance = read("demo", "/engine-rest/process-instance?businessKey=" + number).get(0)
			.get("id")
			.asText();
		return this.management.createJobQuery()
			.processInstanceId(processInstance)
			.activityId(activity)
			.singleResult()
			.getDuedate()
			.toInstant();
	}

	protected String reportAt(ZonedDateTime when, String tenant) throws Exception {
		at(when);
		ResponseEntity<String> created = expect(as("sam", HttpMethod.POST, "/api/v1/incidents",
				Map.of("tenantId", tenant, "callerId", "caller-" + tenant, "summary", "Label printer jams", "category",
						"hardware", "impact", "MEDIUM", "urgency", "MEDIUM")),
				HttpStatus.CREATED);
		return this.json.readTree(created.getBody()).get("number").asText();
	}

	protected static void at(ZonedDateTime when) {
		ClockUtil.setCurrentTime(Date.from(when.toInstant()));
	}

	/**
	 * A new organisation in Jakarta working Monday to Friday on the spans, with a caller.
	 */
	protected String tenantWithCalendar() {
		return tenantWithCalendar(NINE_TO_FIVE);
	}

	/**
	 * A new organisation in Jakarta working Monday to Friday on the spans, with a caller
	 * (password {@code demo}) and served by the service desk and the incident managers.
	 */
	protected String tenantWithCalendar(List<String> day) {
		String id = "sla-" + UUID.randomUUID().toString().substring(0, 8);
		Tenant tenant = this.identity.newTenant(id);
		tenant.setName("SLA " + id);
		this.identity.saveTenant(tenant);
		User caller = this.identity.newUser("caller-" + id);
		caller.setFirstName("Caller");
		caller.setLastName(id);
		caller.setPassword("demo");
		this.identity.saveUser(caller);
		this.identity.createMembership(caller.getId(), "customers");
		this.identity.createTenantUserMembership(id, caller.getId());
		this.identity.createTenantGroupMembership(id, "service-desk");
		this.identity.createTenantGroupMembership(id, "incident-managers");
		calendar(id, day);
		return id;
	}

	/** Staff put the incident on hold through the API. */
	protected void hold(String number, String reason) {
		expect(as("sam", HttpMethod.POST, "/api/v1/incidents/" + number + "/hold",
				Map.of("reason", reason, "comment", "The vendor ships a part.")), HttpStatus.NO_CONTENT);
	}

	/** Staff take the incident off hold through the API. */
	protected void resume(String number) {
		expect(as("sam", HttpMethod.POST, "/api/v1/incidents/" + number + "/resume", null), HttpStatus.NO_CONTENT);
	}

	/** The id of the incident's one open task. */
	protected String taskOf(String number) throws Exception {
		return read("demo", "/engine-rest/task?processInstanceBusinessKey=" + number).get(0).get("id").asText();
	}

	/** Completes a task as Tasklist does, through Camunda's REST API. */
	protected void complete(String user, String taskId, Map<String, String> variables) {
		Map<String, Object> typed = new HashMap<>();
		variables.forEach((name, value) -> typed.put(name, Map.of("value", value, "type", "String")));
		expect(as(user, HttpMethod.POST, "/engine-rest/task/" + taskId + "/complete", Map.of("variables", typed)),
				HttpStatus.NO_CONTENT);
	}

	/** A day of March 2026 (the 9th is a Monday), in Jakarta. */
	protected static ZonedDateTime jakarta(int day, int hour, int minute) {
		return ZonedDateTime.of(LocalDateTime.of(2026, 3, day, hour, minute), JAKARTA);
	}

	protected static ZonedDateTime zoned(String text) {
		return OffsetDateTime.parse(text).toInstant().atZone(JAKARTA);
	}

	protected JsonNode read(String user, String path) throws Exception {
		return this.json.readTree(expect(as(user, HttpMethod.GET, path, null), HttpStatus.OK).getBody());
	}

	protected ResponseEntity<String> as(String user, HttpMethod method, String path, Object body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth(user, "demo");
		headers.setContentType(MediaType.APPLICATION_JSON);
		return this.http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
	}

	protected static ResponseEntity<String> expect(ResponseEntity<String> response, HttpStatus status) {
		assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
		return response;
	}

}

package org.incidentdesk.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.incidentdesk.BothDatabases;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.tenancy.Tenancy;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The administrators' business calendar API over HTTP, on H2 and PostgreSQL: reading (the
 * demo world's calendars, the default), replacing with optimistic versions, the holiday
 * import all or nothing, the audit, the refusals that name the field, and the SLA clock
 * counting with what was stored. Each test makes a tenant of its own, because test
 * classes share one database.
 */
@IncidentDeskTest
@BothDatabases
class CalendarApiTests {

	static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

	@Autowired
	TestRestTemplate http;

	@Autowired
	ObjectMapper json;

	@Autowired
	Tenancy tenancy;

	@Autowired
	SlaClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	BusinessCalendars calendars;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void globexHasJakartasWorkingHoursAndTheIndonesianHolidaysOfTheDemoWorld() throws Exception {
		JsonNode globex = ok(admin(HttpMethod.GET, "/api/v1/admin/tenants/globex/calendar", null));

		assertThat(globex.get("timeZone").asText()).isEqualTo("Asia/Jakarta");
		assertThat(texts(globex.at("/workingHours/MONDAY"))).containsExactly("08:00-12:00", "13:00-17:00");
		assertThat(texts(globex.at("/workingHours/FRIDAY"))).containsExactly("08:00-12:00", "13:00-17:00");
		assertThat(globex.at("/workingHours/SATURDAY")).isEmpty();
		assertThat(holidays(globex)).containsEntry("2026-08-17", "Proklamasi Kemerdekaan")
			.containsEntry("2026-03-23", "Cuti Bersama Idul Fitri 1447 H")
			.containsKey("2027-12-25")
			.hasSize(42);
		assertThat(globex.get("version").asInt()).isEqualTo(2);

		JsonNode acme = ok(admin(HttpMethod.GET, "/api/v1/admin/tenants/acme/calendar", null));
		assertThat(acme.get("timeZone").asText()).isEqualTo("Europe/Amsterdam");
		assertThat(texts(acme.at("/workingHours/WEDNESDAY"))).containsExactly("09:00-17:30");
		assertThat(holidays(acme)).containsEntry("2026-04-27", "Koningsdag");
	}

	@Test
	void aTenantWithoutACalendarOfItsOwnHasTheDefaultAtVersionZero() throws Exception {
		String tenant = newTenant();

		JsonNode calendar = ok(admin(HttpMethod.GET, path(tenant), null));

		assertThat(calendar.get("timeZone").asText()).isEqualTo("UTC");
		assertThat(texts(calendar.at("/workingHours/MONDAY"))).containsExactly("08:00-17:00");
		assertThat(calendar.at("/workingHours/SUNDAY")).isEmpty();
		assertThat(calendar.get("holidays")).isEmpty();
		assertThat(calendar.get("version").asInt()).isZero();
		assertThat(this.clock.addBusinessTime(tenant, Instant.parse("2026-07-10T16:00:00Z"), Duration.ofHours(2)))
			.isEqualTo(Instant.parse("2026-07-13T09:00:00Z"));
	}

	@Test
	void aReplacedCalendarGetsTheNextVersionAndAStaleVersionIsRefused() throws Exception {
		// Given a tenant with a calendar of its own (version 1)
		String tenant = newTenant();
		JsonNode first = ok(admin(HttpMethod.PUT, path(tenant), jakarta(null)));
		assertThat(first.get("version").asInt()).isEqualTo(1);
		assertThat(first.get("timeZone").asText()).isEqualTo("Asia/Jakarta");

		// When it is replaced based on version 1
		Map<String, Object> amsterdam = calendar("Europe/Amsterdam", Map.of("monday", List.of("09:00-17:30")),
				List.of(holiday("2026-04-27", "Koningsdag")), 1);
		JsonNode second = ok(admin(HttpMethod.PUT, path(tenant), amsterdam));

		// Then it is at version 2, as sent (the weekday in capitals, every weekday
		// listed)
		assertThat(second.get("version").asInt()).isEqualTo(2);
		assertThat(texts(second.at("/workingHours/MONDAY"))).containsExactly("09:00-17:30");
		assertThat(second.at("/workingHours/TUESDAY")).isEmpty();
		assertThat(ok(admin(HttpMethod.GET, path(tenant), null))).isEqualTo(second);

		// And a change based on version 1 again is refused with the current version
		ResponseEntity<String> stale = admin(HttpMethod.PUT, path(tenant), jakarta(1));
		JsonNode problem = problem(stale, 409);
		assertThat(problem.get("currentVersion").asInt()).isEqualTo(2);
		assertThat(problem.get("detail").asText()).contains("version 2, not 1");
		assertThat(ok(admin(HttpMethod.GET, path(tenant), null)).get("timeZone").asText())
			.isEqualTo("Europe/Amsterdam");

		// And a change without a version replaces whatever is stored
		assertThat(ok(admin(HttpMethod.PUT, path(tenant), jakarta(null))).get("version").asInt()).isEqualTo(3);
	}

	@Test
	void changesAtTheSameMomentNeverOverwriteEachOtherUnseen() throws Exception {
		// Given a tenant with a calendar
		String tenant = newTenant();
		ok(admin(HttpMethod.PUT, path(tenant), jakarta(null)));

		// When eight administrators replace it at the same moment, each with other hours
		ExecutorService pool = Executors.newFixedThreadPool(8);
		List<Future<ResponseEntity<String>>> answers = new ArrayList<>();
		CountDownLatch start = new CountDownLatch(1);
		try {
			for (int i = 0; i < 8; i++) {
				String span = "%02d:00-17:00".formatted(i + 1);
				answers.add(pool.submit(() -> {
					start.await();
					return admin(HttpMethod.PUT, path(tenant),
							calendar("Asia/Jakarta", Map.of("MONDAY", List.of(span)), List.of(), null));
				}));
			}
			start.countDown();
			List<Integer> statuses = new ArrayList<>();
			for (Future<ResponseEntity<String>> answer : answers) {
				statuses.add(answer.get(60, TimeUnit.SECONDS).getStatusCode().value());
			}

			// Then each one was made or refused as a conflict, never lost, and every one
			// made has a version and an audit entry of its own
			assertThat(statuses).allMatch(status -> status == 200 || status == 409).contains(200);
			long made = statuses.stream().filter(status -> status == 200).count();
			JsonNode stored = ok(admin(HttpMethod.GET, path(tenant), null));
			assertThat(stored.get("version").asLong()).isEqualTo(1 + made);
			JsonNode changes = ok(admin(HttpMethod.GET, path(tenant) + "/changes?size=100", null));
			assertThat(changes).hasSize((int) (1 + made));
			assertThat(changes.get(0).get("newValue")).isEqualTo(stored);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void theClockCountsWithTheStoredCalendarFromTheMomentItChangesOnAnyNode() throws Exception {
		// Given a tenant on globex's hours, read once by the clock (and cached)
		String tenant = newTenant();
		ok(admin(HttpMethod.PUT, path(tenant), jakarta(null)));
		Instant friday = Instant.parse("2026-07-10T09:00:00Z"); // 16:00 in Jakarta
		assertThat(this.clock.addBusinessTime(tenant, friday, Duration.ofHours(8)))
			.isEqualTo(Instant.parse("2026-07-13T09:00:00Z"));
		assertThat(this.clock.businessTimeBetween(tenant, friday, Instant.parse("2026-07-13T09:00:00Z")))
			.isEqualTo(Duration.ofHours(8));

		// When Monday becomes a holiday through the API
		ok(csv(path(tenant) + "/holidays", "2026-07-13,Closed"));

		// Then the clock skips it at once
		assertThat(this.clock.addBusinessTime(tenant, friday, Duration.ofHours(8)))
			.isEqualTo(Instant.parse("2026-07-14T09:00:00Z"));

		// And when another node changes the stored calendar (straight in the database)
		this.jdbc.sql("update business_calendar set working_hours = :hours, version = version + 1 where tenant_id = :t")
			.param("hours", "{\"MONDAY\":[\"08:00-17:00\"],\"TUESDAY\":[\"08:00-17:00\"],\"FRIDAY\":[\"08:00-17:00\"]}")
			.param("t", tenant)
			.update();

		// Then this node counts with that change from its next call
		assertThat(this.clock.addBusinessTime(tenant, friday, Duration.ofHours(8)))
			.isEqualTo(Instant.parse("2026-07-14T08:00:00Z"));
	}

	@Test
	void aChangeThatRolledBackIsNeverCountedWith() {
		// Given a tenant on globex's hours, read by the clock
		String tenant = newTenant();
		BusinessCalendar jakarta = BusinessCalendar.weekdays(SlaClockTests.JAKARTA, SlaClockTests.span("08:00-12:00"),
				SlaClockTests.span("13:00-17:00"));
		this.calendars.replace(tenant, jakarta, null, "demo");
		assertThat(this.calendars.calendarOf(tenant)).isEqualTo(jakarta);

		// When a transaction changes it to Amsterdam's hours, counts with them, and rolls
		// back
		BusinessCalendar amsterdam = BusinessCalendar.weekdays(SlaClockTests.AMSTERDAM,
				SlaClockTests.span("09:00-17:30"));
		this.transactions.executeWithoutResult(status -> {
			this.calendars.replace(tenant, amsterdam, 1, "demo");
			assertThat(this.calendars.calendarOf(tenant)).isEqualTo(amsterdam);
			status.setRollbackOnly();
		});

		// Then nothing of it is stored
		assertThat(this.jdbc.sql("select version from business_calendar where tenant_id = :t")
			.param("t", tenant)
			.query(Integer.class)
			.single()).isEqualTo(1);

		// And when another node makes that same version number with other hours (straight
		// in the database), the clock counts with those, not with what the rolled back
		// transaction saw
		this.jdbc.sql("update business_calendar set working_hours = :hours, version = 2 where tenant_id = :t")
			.param("hours", "{\"MONDAY\":[\"06:00-14:00\"]}")
			.param("t", tenant)
			.update();
		BusinessCalendar early = new BusinessCalendar(SlaClockTests.JAKARTA,
				Map.of(DayOfWeek.MONDAY, List.of(SlaClockTests.span("06:00-14:00"))), new TreeMap<>());
		assertThat(this.calendars.calendarOf(tenant)).isEqualTo(early);
	}

	@Test
	void aHolidayImportAddsAndRenamesHolidays() throws Exception {
		// Given a tenant with one holiday
		String tenant = newTenant();
		ok(admin(HttpMethod.PUT, path(tenant), calendar("Asia/Jakarta", Map.of("MONDAY", List.of("08:00-17:00")),
				List.of(holiday("2026-01-01", "New Year"), holiday("2026-12-25", "Natal")), null)));

		// When a file with a header, a comment, a blank line and a quoted name is
		// imported
		JsonNode imported = ok(csv(path(tenant) + "/holidays", """
				date,name
				# decreed in SKB 3 Menteri
				2026-01-01,Tahun Baru 2026 Masehi

				2026-03-21,"Idul Fitri 1447 H, hari pertama"
				2026-08-17,Proklamasi Kemerdekaan
				"""));

		// Then the holidays are added, the one it had is renamed, and the rest stays
		assertThat(imported.get("version").asInt()).isEqualTo(2);
		assertThat(holidays(imported)).containsExactly(Map.entry("2026-01-01", "Tahun Baru 2026 Masehi"),
				Map.entry("2026-03-21", "Idul Fitri 1447 H, hari pertama"),
				Map.entry("2026-08-17", "Proklamasi Kemerdekaan"), Map.entry("2026-12-25", "Natal"));

		// And a file without a header, into a tenant without a calendar, gives it the
		// default with the holidays
		String other = newTenant();
		JsonNode defaults = ok(csv(path(other) + "/holidays", "2026-05-01,Hari Buruh\n"));
		assertThat(defaults.get("version").asInt()).isEqualTo(1);
		assertThat(defaults.get("timeZone").asText()).isEqualTo("UTC");
		assertThat(holidays(defaults)).containsOnlyKeys("2026-05-01");
	}

	@Test
	void oneBadLineImportsNothingAndTheAnswerNamesEveryBadLine() throws Exception {
		// Given a tenant with a calendar at version 1
		String tenant = newTenant();
		JsonNode before = ok(admin(HttpMethod.PUT, path(tenant), jakarta(null)));

		// When a file with a date that does not exist on line 3 is imported
		ResponseEntity<String> response = csv(path(tenant) + "/holidays", """
				date,name
				2026-01-01,Tahun Baru
				2026-02-30,Not a day
				2026-08-17,Proklamasi Kemerdekaan
				17-08-2026,Wrong order
				2026-08-25
				""");

		// Then it is refused, naming line 3 and what is wrong, and listing every bad line
		JsonNode problem = problem(response, 400);
		assertThat(problem.get("field").asText()).isEqualTo("line 3");
		assertThat(problem.get("detail").asText()).contains("line 3")
			.contains("'2026-02-30' is no date in ISO form YYYY-MM-DD")
			.contains("nothing was imported");
		assertThat(texts(problem.get("errors"))).hasSize(3)
			.satisfies(errors -> assertThat(errors.get(0)).startsWith("line 3: "))
			.satisfies(errors -> assertThat(errors.get(1)).startsWith("line 5: ").contains("17-08-2026"))
			.satisfies(errors -> assertThat(errors.get(2)).startsWith("line 6: ").contains("has 1 fields"));

		// And nothing was imported
		assertThat(ok(admin(HttpMethod.GET, path(tenant), null))).isEqualTo(before);

		// And a date given twice, an empty name and an empty file are refused too
		assertThat(problem(csv(path(tenant) + "/holidays", "2026-01-01,A\n2026-01-01,B\n"), 400).get("detail").asText())
			.contains("line 2")
			.contains("given twice (also line 1)");
		assertThat(problem(csv(path(tenant) + "/holidays", "2026-01-01, \n"), 400).get("detail").asText())
			.contains("line 1")
			.contains("no name");
		assertThat(problem(csv(path(tenant) + "/holidays", "date,name\n"), 400).get("detail").asText())
			.contains("no holidays");
		assertThat(ok(admin(HttpMethod.GET, path(tenant), null)).get("version").asInt()).isEqualTo(1);
	}

	@Test
	void everyChangeIsAuditedWithWhoWhenAndTheCalendarBeforeAndAfter() throws Exception {
		// Given a tenant whose calendar was set, then given a holiday
		String tenant = newTenant();
		ok(admin(HttpMethod.PUT, path(tenant), jakarta(null)));
		ok(csv(path(tenant) + "/holidays", "2026-08-17,Proklamasi Kemerdekaan"));

		// When its changes are read
		JsonNode changes = ok(admin(HttpMethod.GET, path(tenant) + "/changes", null));

		// Then they are listed newest first, with the user, the time and both versions
		assertThat(changes).hasSize(2);
		JsonNode imported = changes.get(0);
		assertThat(imported.get("version").asInt()).isEqualTo(2);
		assertThat(imported.get("kind").asText()).isEqualTo("HOLIDAYS_IMPORTED");
		assertThat(imported.get("changedBy").asText()).isEqualTo("demo");
		assertThat(Instant.parse(imported.get("changedAt").asText()))
			.isBetween(Instant.now().minus(Duration.ofMinutes(5)), Instant.now().plus(Duration.ofMinutes(5)));
		assertThat(imported.at("/oldValue/holidays")).isEmpty();
		assertThat(imported.at("/oldValue/version").asInt()).isEqualTo(1);
		assertThat(holidays(imported.get("newValue"))).containsOnlyKeys("2026-08-17");
		assertThat(imported.at("/newValue/version").asInt()).isEqualTo(2);

		JsonNode replaced = changes.get(1);
		assertThat(replaced.get("version").asInt()).isEqualTo(1);
		assertThat(replaced.get("kind").asText()).isEqualTo("REPLACED");
		assertThat(replaced.has("oldValue")).isFalse();
		assertThat(replaced.at("/newValue/timeZone").asText()).isEqualTo("Asia/Jakarta");

		// And one page at a time
		JsonNode page = ok(admin(HttpMethod.GET, path(tenant) + "/changes?page=1&size=1", null));
		assertThat(page).hasSize(1);
		assertThat(page.get(0).get("version").asInt()).isEqualTo(1);
		problem(admin(HttpMethod.GET, path(tenant) + "/changes?size=1000", null), 400);
	}

	@Test
	void badInputIsRefusedNamingTheFieldAndChangesNothing() throws Exception {
		String tenant = newTenant();
		JsonNode before = ok(admin(HttpMethod.PUT, path(tenant), jakarta(null)));
		List<String> lunch = List.of("08:00-12:00", "13:00-17:00");

		expectField(calendar("Asia/Atlantis", Map.of("MONDAY", lunch), List.of(), null), tenant, "timeZone",
				"'Asia/Atlantis' is no time zone");
		expectField(calendar(null, Map.of("MONDAY", lunch), List.of(), null), tenant, "timeZone", "is required");
		expectField(calendar("Asia/Jakarta", Map.of("MONDAY", List.of("08:00-12:00", "11:00-13:00")), List.of(), null),
				tenant, "workingHours.MONDAY", "overlap");
		expectField(calendar("Asia/Jakarta", Map.of("MONDAY", List.of("17:00-08:00")), List.of(), null), tenant,
				"workingHours.MONDAY[0]", "ends before it starts");
		expectField(calendar("Asia/Jakarta", Map.of("TUESDAY", List.of("08:00-12:00", "1pm-5pm")), List.of(), null),
				tenant, "workingHours.TUESDAY[1]", "HH:MM-HH:MM");
		expectField(calendar("Asia/Jakarta", Map.of("TUESDAY", List.of("08:00-24:30")), List.of(), null), tenant,
				"workingHours.TUESDAY[0]", "no time of day");
		expectField(calendar("Asia/Jakarta", Map.of("FUNDAY", lunch), List.of(), null), tenant, "workingHours.FUNDAY",
				"is no weekday");
		expectField(calendar("Asia/Jakarta", Map.of("MONDAY", List.of(), "SUNDAY", List.of()), List.of(), null), tenant,
				"workingHours", "no working time at all");
		expectField(calendar("Asia/Jakarta", null, List.of(), null), tenant, "workingHours", "is required");
		expectField(
				calendar("Asia/Jakarta", Map.of("MONDAY", lunch), List.of(holiday("17/08/2026", "Proklamasi")), null),
				tenant, "holidays[0].date", "ISO form");
		expectField(
				calendar("Asia/Jakarta", Map.of("MONDAY", lunch), List.of(holiday("0026-08-17", "Proklamasi")), null),
				tenant, "holidays[0].date", "between the years 1900 and 2999");
		expectField(
				calendar("Asia/Jakarta", Map.of("MONDAY", lunch),
						List.of(holiday("2026-08-17", "Proklamasi"), holiday("2026-08-17", "Again")), null),
				tenant, "holidays[1].date", "given twice");
		expectField(calendar("Asia/Jakarta", Map.of("MONDAY", lunch), List.of(holiday("2026-08-17", " ")), null),
				tenant, "holidays[0].name", "no name");
		expectField(calendar("Asia/Jakarta", Map.of("MONDAY", lunch), null, null), tenant, "holidays", "is required");

		// A value of the wrong type or an unknown member is refused by the JSON reader
		Map<String, Object> wrongType = new LinkedHashMap<>(jakarta(null));
		wrongType.put("workingHours", "MONDAY 08:00-17:00");
		assertThat(problem(admin(HttpMethod.PUT, path(tenant), wrongType), 400).get("detail").asText())
			.contains("workingHours");
		Map<String, Object> unknown = new LinkedHashMap<>(jakarta(null));
		unknown.put("timezone", "UTC");
		assertThat(problem(admin(HttpMethod.PUT, path(tenant), unknown), 400).get("detail").asText())
			.contains("Unknown field 'timezone'");

		assertThat(ok(admin(HttpMethod.GET, path(tenant), null))).isEqualTo(before);
	}

	@Test
	void anUnknownTenantIsNotFound() {
		String nobody = "no-such-tenant-" + UUID.randomUUID().toString().substring(0, 8);

		problem(admin(HttpMethod.GET, path(nobody), null), 404);
		problem(admin(HttpMethod.PUT, path(nobody), jakarta(null)), 404);
		problem(csv(path(nobody) + "/holidays", "2026-08-17,Proklamasi Kemerdekaan"), 404);
		problem(admin(HttpMethod.GET, path(nobody) + "/changes", null), 404);
		assertThat(this.jdbc.sql("select count(*) from business_calendar where tenant_id = :t")
			.param("t", nobody)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void onlyAdministratorsReadOrChangeCalendars() {
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth("sam", "demo");
		headers.setContentType(MediaType.APPLICATION_JSON);

		assertThat(this.http.exchange(path("globex"), HttpMethod.GET, new HttpEntity<>(null, headers), String.class)
			.getStatusCode()
			.value()).isEqualTo(403);
		assertThat(this.http
			.exchange(path("globex"), HttpMethod.PUT, new HttpEntity<>(jakarta(null), headers), String.class)
			.getStatusCode()
			.value()).isEqualTo(403);
		headers.setContentType(TEXT_CSV);
		assertThat(this.http
			.exchange(path("globex") + "/holidays", HttpMethod.POST, new HttpEntity<>("2026-07-13,Closed", headers),
					String.class)
			.getStatusCode()
			.value()).isEqualTo(403);
	}

	@Test
	void theEndpointsAreDocumented() throws Exception {
		JsonNode api = ok(admin(HttpMethod.GET, "/api/v1/openapi", null));

		JsonNode calendar = api.at("/paths/~1api~1v1~1admin~1tenants~1{tenantId}~1calendar");
		assertThat(calendar.at("/get/summary").asText()).isEqualTo("Read a tenant's business calendar");
		assertThat(calendar.at("/put/summary").asText()).isEqualTo("Replace a tenant's business calendar");
		JsonNode holidays = api.at("/paths/~1api~1v1~1admin~1tenants~1{tenantId}~1calendar~1holidays/post");
		assertThat(holidays.at("/requestBody/content").has("text/csv")).isTrue();
		assertThat(api.at("/paths/~1api~1v1~1admin~1tenants~1{tenantId}~1calendar~1changes/get/summary").asText())
			.contains("audited changes");
	}

	private void expectField(Map<String, Object> body, String tenant, String field, String text) throws Exception {
		JsonNode problem = problem(admin(HttpMethod.PUT, path(tenant), body), 400);
		assertThat(problem.get("field").asText()).as(problem.toString()).isEqualTo(field);
		assertThat(problem.get("detail").asText()).startsWith(field + ": ").contains(text);
	}

	private String newTenant() {
		String id = "cal-" + UUID.randomUUID().toString().substring(0, 8);
		this.tenancy.ensureTenant(id, "Calendar test " + id, List.of());
		return id;
	}

	private static String path(String tenant) {
		return "/api/v1/admin/tenants/" + tenant + "/calendar";
	}

	private static Map<String, Object> jakarta(Integer version) {
		Map<String, Object> hours = new LinkedHashMap<>();
		for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")) {
			hours.put(day, List.of("08:00-12:00", "13:00-17:00"));
		}
		return calendar("Asia/Jakarta", hours, List.of(), version);
	}

	private static Map<String, Object> calendar(String zone, Map<String, ?> hours, List<?> holidays, Integer version) {
		Map<String, Object> calendar = new LinkedHashMap<>();
		calendar.put("timeZone", zone);
		calendar.put("workingHours", hours);
		calendar.put("holidays", holidays);
		calendar.put("version", version);
		return calendar;
	}

	private static Map<String, String> holiday(String date, String name) {
		return Map.of("date", date, "name", name);
	}

	private ResponseEntity<String> admin(HttpMethod method, String path, Object body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth("demo", "demo");
		headers.setContentType(MediaType.APPLICATION_JSON);
		return this.http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
	}

	private ResponseEntity<String> csv(String path, String body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth("demo", "demo");
		headers.setContentType(TEXT_CSV);
		return this.http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
	}

	private JsonNode ok(ResponseEntity<String> response) throws Exception {
		assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
		return this.json.readTree(response.getBody());
	}

	private JsonNode problem(ResponseEntity<String> response, int status) {
		assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		try {
			return this.json.readTree(response.getBody());
		}
		catch (Exception ex) {
			throw new AssertionError(response.getBody(), ex);
		}
	}

	private static Map<String, String> holidays(JsonNode calendar) {
		Map<String, String> holidays = new LinkedHashMap<>();
		calendar.get("holidays").forEach(day -> holidays.put(day.get("date").asText(), day.get("name").asText()));
		return holidays;
	}

	private static List<String> texts(JsonNode array) {
		return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
	}

}

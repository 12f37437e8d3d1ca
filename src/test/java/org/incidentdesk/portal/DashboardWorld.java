package org.incidentdesk.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.incidentdesk.knowledge.ArticleKind;
import org.incidentdesk.knowledge.ArticleState;
import org.incidentdesk.knowledge.ArticleVisibility;
import org.incidentdesk.knowledge.KnowledgeBase;
import org.incidentdesk.knowledge.NewArticle;
import org.incidentdesk.system.CurrentUser;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A known data set for the manager dashboard, made through the API at chosen engine
 * times: two new organisations, "jkt" in Jakarta (with a calendar) and "utc" on the
 * default calendar, served by the service desk and by a manager of their own (an incident
 * manager who belongs to both directly), not by the incident managers' group, so that
 * ines manages other organisations only.
 * <ul>
 * <li>jkt: three P2 and one P4. One P2 reported 12 hours ago (its 8-hour resolution SLA
 * breached), one 7 hours ago (past the warning at 6 hours: at risk), one 30 hours ago and
 * resolved an hour later at first contact and closed; the P4 28 hours ago, resolved,
 * rejected by the caller (reopened), resolved again two hours after its report and
 * closed. So: 4 opened, 2 open (P2), 1 at risk, 1 breached, 2 closed, mean time to
 * resolve 90 minutes, first-contact resolution 50%, reopen rate 50%.</li>
 * <li>utc: a P3 reported 2 hours ago and a P5 20 hours ago, both open and neither at
 * risk, and one "this solved my problem" without an incident (a deflection).</li>
 * </ul>
 */
final class DashboardWorld {

	static final String PASSWORD = "demo";

	static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");

	final String suffix = PortalWorld.unique("d").substring(2);

	final String jkt = "dash-jkt-" + this.suffix;

	final String utc = "dash-utc-" + this.suffix;

	final String manager = "dash-mgr-" + this.suffix;

	/** When the data set was made; the engine's clock runs on from here. */
	final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	/** Reported per organisation. */
	final Map<String, List<Instant>> reported = Map.of(this.jkt,
			List.of(hoursAgo(12), hoursAgo(7), hoursAgo(30), hoursAgo(28)), this.utc,
			List.of(hoursAgo(2), hoursAgo(20)));

	/** Last resolved, per organisation. */
	final Map<String, List<Instant>> resolved = Map.of(this.jkt, List.of(hoursAgo(29), hoursAgo(26)), this.utc,
			List.of());

	private final TestRestTemplate http;

	private final ObjectMapper json;

	private final IdentityService identity;

	private final KnowledgeBase knowledge;

	DashboardWorld(TestRestTemplate http, ObjectMapper json, IdentityService identity, KnowledgeBase knowledge) {
		this.http = http;
		this.json = json;
		this.identity = identity;
		this.knowledge = knowledge;
	}

	static String callerOf(String tenant) {
		return "caller-" + tenant;
	}

	String tenantName(String tenant) {
		return (tenant.equals(this.jkt) ? "Jakarta Works " : "Utrecht Trade ") + this.suffix;
	}

	/** Makes the data set; the engine's clock is back at the real time afterwards. */
	DashboardWorld build() throws Exception {
		try {
			tenant(this.jkt);
			tenant(this.utc);
			User manager = this.identity.newUser(this.manager);
			manager.setFirstName("Dana");
			manager.setLastName("Manager");
			manager.setPassword(PASSWORD);
			this.identity.saveUser(manager);
			this.identity.createMembership(this.manager, CurrentUser.INCIDENT_MANAGERS);
			this.identity.createTenantUserMembership(this.jkt, this.manager);
			this.identity.createTenantUserMembership(this.utc, this.manager);
			expect(send("demo", HttpMethod.PUT, "/api/v1/admin/tenants/" + this.jkt + "/calendar",
					Map.of("timeZone", "Asia/Jakarta", "workingHours",
							Map.of("MONDAY", List.of("08:00-17:00"), "TUESDAY", List.of("08:00-17:00"), "WEDNESDAY",
									List.of("08:00-17:00"), "THURSDAY", List.of("08:00-17:00"), "FRIDAY",
									List.of("08:00-17:00")),
							"holidays", List.of())),
					200);

			String jkt = callerOf(this.jkt);
			report(jkt, hoursAgo(12), "Warehouse scanners down", "HIGH", "MEDIUM");
			report(jkt, hoursAgo(7), "Label printer offline", "HIGH", "MEDIUM");
			String firstContact = report(jkt, hoursAgo(30), "Conveyor PC frozen", "HIGH", "MEDIUM");
			at(hoursAgo(29));
			resolve(firstContact);
			answer(jkt, firstContact, true);
			String reopened = report(jkt, hoursAgo(28), "Monitor flickers", "MEDIUM", "LOW");
			at(hoursAgo(27));
			resolve(reopened);
			answer(jkt, reopened, false);
			at(hoursAgo(26));
			resolve(reopened);
			answer(jkt, reopened, true);

			String utc = callerOf(this.utc);
			report(utc, hoursAgo(2), "Mail slow", "MEDIUM", "MEDIUM");
			report(utc, hoursAgo(20), "Wallpaper reset", "LOW", "LOW");
		}
		finally {
			ClockUtil.reset();
		}
		String article = this.knowledge
			.create(new NewArticle(this.utc, ArticleKind.ARTICLE, "Reset the badge reader " + this.suffix,
					"The badge reader blinks red.", "Hold the reset button for five seconds.", List.of(), "en",
					ArticleVisibility.PUBLIC, ArticleState.PUBLISHED, null, null), "dashboard-tests")
			.number();
		expect(send(callerOf(this.utc), HttpMethod.POST, "/api/v1/knowledge/articles/" + article + "/solved", null),
				204);
		return this;
	}

	/** The incidents reported (or resolved) per day of the zone. */
	static SortedMap<LocalDate, Long> perDay(List<Instant> times, ZoneId zone) {
		SortedMap<LocalDate, Long> days = new TreeMap<>();
		times.forEach(time -> days.merge(time.atZone(zone).toLocalDate(), 1L, Long::sum));
		return days;
	}

	Instant hoursAgo(int hours) {
		return this.now.minus(Duration.ofHours(hours));
	}

	private void tenant(String id) {
		Tenant tenant = this.identity.newTenant(id);
		tenant.setName(tenantName(id));
		this.identity.saveTenant(tenant);
		this.identity.createTenantGroupMembership(id, CurrentUser.SERVICE_DESK);
		User caller = this.identity.newUser(callerOf(id));
		caller.setFirstName("Caller");
		caller.setLastName(id);
		caller.setPassword(PASSWORD);
		this.identity.saveUser(caller);
		this.identity.createMembership(caller.getId(), CurrentUser.CUSTOMERS);
		this.identity.createTenantUserMembership(id, caller.getId());
	}

	private String report(String caller, Instant when, String summary, String impact, String urgency) throws Exception {
		at(when);
		ResponseEntity<String> created = send(caller, HttpMethod.POST, "/api/v1/incidents",
				Map.of("summary", summary, "category", "hardware", "impact", impact, "urgency", urgency));
		expect(created, 201);
		return this.json.readTree(created.getBody()).get("number").asText();
	}

	private void resolve(String number) {
		expect(send("sam", HttpMethod.POST, "/api/v1/incidents/" + number + "/resolve",
				Map.of("resolutionCode", "SOLVED_PERMANENTLY", "resolutionNotes", "Fixed.")), 204);
	}

	private void answer(String caller, String number, boolean accepted) {
		expect(send(caller, HttpMethod.POST, "/api/v1/incidents/" + number + "/resolution",
				accepted ? Map.of("accepted", true) : Map.of("accepted", false, "reason", "Still broken.")), 204);
	}

	private static void at(Instant when) {
		ClockUtil.setCurrentTime(Date.from(when));
	}

	ResponseEntity<String> send(String user, HttpMethod method, String path, Object body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth(user, PASSWORD);
		headers.setContentType(MediaType.APPLICATION_JSON);
		return this.http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
	}

	static void expect(ResponseEntity<String> response, int status) {
		assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
	}

}

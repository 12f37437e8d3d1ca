package org.incidentdesk.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.portal.Browser;
import org.incidentdesk.sla.BusinessCalendars;
import org.incidentdesk.tenancy.AccessModel;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What an agent sees in Camunda Tasklist, in a real browser: the collapsed list card
 * shows the incident's priority with its word and its next SLA due date; the task form
 * shows the caller, how to reach them and the SLA due dates in the organisation's time
 * zone; and an outcome the server refuses shows its plain reason, in English or, for a
 * user whose locale is Indonesian or a browser in Indonesian, in Indonesian, without the
 * engine's codes or the task's id, in a message that leaves the Complete button free.
 */
@IncidentDeskTest
class TasklistForAgentsTests {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH);

	@LocalServerPort
	int port;

	@Autowired
	TestRestTemplate http;

	@Autowired
	AccessModel access;

	@Autowired
	IdentityService identity;

	@Autowired
	BusinessCalendars calendars;

	@Autowired
	ObjectMapper json;

	@Test
	void theCollapsedCardShowsPriorityAndSlaDueAndTheFormShowsCallerAndDueDates() throws Exception {
		// Given bob of acme reports an outage that the priority matrix makes P2, and the
		// service desk agent sam has claimed its triage task
		JsonNode incident = report("Warehouse scanners offline", "HIGH", "MEDIUM");
		String number = incident.get("number").asText();
		String task = claimedTriageTask(number, "sam");
		ZoneId zone = this.calendars.calendarOf("acme").zone();
		String responseDue = when(incident.path("responseDueAt").asText(), zone);
		String resolutionDue = when(incident.path("resolutionDueAt").asText(), zone);
		User bob = this.identity.createUserQuery().userId("bob").singleResult();

		try (Browser browser = Browser.start(this.port)) {
			signIn(browser, "sam");

			// When sam lists the service desk's tasks, narrowed to the incident
			openList(browser, number);
			WebElement card = browser.find(By.cssSelector(".tasks-list li.task"));

			// Then the card, collapsed, shows the priority with its word and the
			// response due date, both visible without expanding it
			assertThat(card.findElement(By.cssSelector(".task-card-details")).getDomAttribute("class"))
				.doesNotContain("expanded");
			assertThat(visibleVariable(browser, "Priority")).isEqualTo("P2 high");
			// (sam's claim was the response, so the resolution is due next)
			assertThat(visibleVariable(browser, "SLA due")).isEqualTo("Resolve by " + resolutionDue);
			// (and the number Tasklist shows beside it is the task priority of P2)
			assertThat(card.findElement(By.cssSelector(".priority")).getText()).isEqualTo("80");

			// When sam opens the task
			browser.open("/camunda/app/tasklist/default/#/?filter=" + serviceDeskFilter() + "&task=" + task);

			// Then the form shows the caller, their e-mail address, the SLA due dates in
			// acme's time zone and the category by its name
			assertThat(value(browser, "Field_TriageIncident_CallerName"))
				.isEqualTo(bob.getFirstName() + " " + bob.getLastName() + " (bob)");
			assertThat(value(browser, "Field_TriageIncident_CallerContact")).isEqualTo(bob.getEmail());
			assertThat(value(browser, "Field_TriageIncident_ResponseDue")).isEqualTo(responseDue);
			assertThat(value(browser, "Field_TriageIncident_ResolutionDue")).isEqualTo(resolutionDue);
			assertThat(value(browser, "Field_TriageIncident_Priority")).isEqualTo("P2 high");
			assertThat(value(browser, "Field_TriageIncident_Category")).isEqualTo("Hardware");
		}
	}

	@Test
	void aRefusedOutcomeShowsOnlyItsPlainReasonInEnglish() throws Exception {
		String number = report("Label printer jams", "LOW", "LOW").get("number").asText();
		String task = claimedTriageTask(number, "sam");

		try (Browser browser = Browser.start(this.port)) {
			signIn(browser, "sam");
			String shown = refusedDuplicate(browser, task);

			assertThat(shown)
				.isEqualTo("Triage incident: There is no incident INC9999999 in this customer organisation.");
		}
	}

	@Test
	void aRefusedOutcomeShowsItsReasonInIndonesianToABrowserInIndonesian() throws Exception {
		String number = report("Printer label macet", "LOW", "LOW").get("number").asText();
		String task = claimedTriageTask(number, "sam");

		try (Browser browser = Browser.start(this.port, "id")) {
			signIn(browser, "sam");
			String shown = refusedDuplicate(browser, task);

			assertThat(shown).isEqualTo("Triase insiden: Tidak ada insiden INC9999999 di organisasi pelanggan ini.");
		}
	}

	@Test
	void aRefusedOutcomeShowsItsReasonInIndonesianToAUserWhoseLocaleIsIndonesian() throws Exception {
		// Given an agent of the service desk whose language is Indonesian, in a browser
		// in English
		String agent = "agen-" + UUID.randomUUID().toString().substring(0, 8);
		String password = "Tugas-" + UUID.randomUUID() + "!";
		expect(as("demo", HttpMethod.POST, "/api/v1/admin/users",
				Map.of("id", agent, "firstName", "Agen", "lastName", "Layanan", "email", agent + "@example.com",
						"password", password, "role", "STAFF", "groups", List.of(CurrentUser.SERVICE_DESK), "locale",
						"id")),
				HttpStatus.CREATED);
		String number = report("Pemindai gudang mati", "LOW", "LOW").get("number").asText();
		String task = claimedTriageTask(number, agent, password);

		try (Browser browser = Browser.start(this.port)) {
			signIn(browser, agent, password);
			String shown = refusedDuplicate(browser, task);

			assertThat(shown).isEqualTo("Triase insiden: Tidak ada insiden INC9999999 di organisasi pelanggan ini.");
		}
	}

	/**
	 * Marks the incident a duplicate of one that does not exist, which the form cannot
	 * know and the server refuses, completes, and returns the message Tasklist shows.
	 */
	private String refusedDuplicate(Browser browser, String task) {
		browser.open("/camunda/app/tasklist/default/#/?filter=" + serviceDeskFilter() + "&task=" + task);
		// (the form takes a while to load on a busy machine)
		WebElement duplicate = browser.waiting()
			.withTimeout(Duration.ofSeconds(45))
			.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(option("Duplicate of another incident"))));
		browser.driver().executeScript("arguments[0].click();", duplicate);
		WebElement original = browser.find(By.cssSelector("[id$='Field_TriageIncident_DuplicateOf']"));
		// Key events do not reach the webapps here (see TasklistEscapingTests): the value
		// is put in as the browser would, and leaving the field makes form-js take it at
		// once rather than after its input debounce.
		browser.driver()
			.executeScript(
					"arguments[0].focus(); arguments[0].value = arguments[1];"
							+ "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
							+ "arguments[0].dispatchEvent(new FocusEvent('blur'));"
							+ "arguments[0].dispatchEvent(new FocusEvent('focusout', {bubbles: true}));",
					original, "INC9999999");
		browser.waiting().until(driver -> "INC9999999".equals(original.getDomProperty("value")));
		WebElement complete = browser.find(By.xpath("//button[normalize-space()='Complete']"));
		browser.driver().executeScript("arguments[0].click();", complete);
		WebElement message;
		try {
			message = browser.waiting()
				.withTimeout(Duration.ofSeconds(20))
				.until(ExpectedConditions
					.visibilityOfElementLocated(By.cssSelector(".page-notifications .alert .message")));
		}
		catch (TimeoutException ex) {
			throw new AssertionError("No message; notifications: "
					+ browser.driver().executeScript("return document.querySelector('.page-notifications').outerHTML")
					+ "; form errors: "
					+ browser.driver()
						.executeScript("return Array.from(document.querySelectorAll('.fjs-form-field-error'))"
								+ ".map(e => e.textContent).join(' | ')"),
					ex);
		}
		String shown = message.getText().strip();
		assertThat(shown).doesNotContain("ENGINE-", task, "Cannot submit", "Exception");
		// The message does not cover the Complete button.
		assertThat(overlaps(browser, message, complete)).isFalse();
		return shown;
	}

	private static boolean overlaps(Browser browser, WebElement a, WebElement b) {
		return (Boolean) browser.driver()
			.executeScript("const a = arguments[0].closest('.page-notifications').getBoundingClientRect();"
					+ "const b = arguments[1].getBoundingClientRect();"
					+ "return !(a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top);", a,
					b);
	}

	/**
	 * The value of the list card's variable with this label, if the browser shows it
	 * (Selenium's getText is empty for what a collapsed card's overflow hides).
	 */
	private static String visibleVariable(Browser browser, String label) {
		WebElement item = browser.find(By.xpath("//li[contains(@class,'task')]//div[contains(@class,'variable-item')]"
				+ "[.//strong[contains(@class,'variable-label') and normalize-space()='" + label + ":']]"));
		WebElement value = item.findElement(By.cssSelector(".variable-value"));
		browser.waiting().until(driver -> value.isDisplayed());
		assertThat(fullyInside(browser, value)).as(label + " inside the collapsed card").isTrue();
		return value.getText().strip();
	}

	private static boolean fullyInside(Browser browser, WebElement value) {
		return (Boolean) browser.driver()
			.executeScript("const v = arguments[0].getBoundingClientRect();"
					+ "const c = arguments[0].closest('.task-card-details').getBoundingClientRect();"
					+ "return v.height > 0 && v.top >= c.top && v.bottom <= c.bottom;", value);
	}

	private void openList(Browser browser, String number) {
		browser.open("/camunda/app/tasklist/default/#/?filter=" + serviceDeskFilter() + "&searchQuery="
				+ URLEncoder.encode("[{\"type\":\"processInstanceBusinessKey\",\"operator\":\"eq\",\"value\":\""
						+ number + "\",\"name\":\"\"}]", StandardCharsets.UTF_8));
		browser.waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".tasks-list li.task"), 1));
		browser.waiting()
			.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".tasks-list li.task"), number));
	}

	private String serviceDeskFilter() {
		return this.access.filterOf(CurrentUser.SERVICE_DESK).orElseThrow().getId();
	}

	private static String when(String iso, ZoneId zone) {
		return WHEN.format(java.time.OffsetDateTime.parse(iso).atZoneSameInstant(zone)) + " (" + zone.getId() + ")";
	}

	/** What the form field shows: its value, as the browser has it. */
	private static String value(Browser browser, String fieldId) {
		WebElement field = browser.find(By.cssSelector("[id$='" + fieldId + "']"));
		browser.waiting().until(driver -> !field.getDomProperty("value").isEmpty());
		return field.getDomProperty("value");
	}

	/** The radio button of the triage decision with this label. */
	private static String option(String label) {
		return "//label[contains(@class,'fjs-form-field-label') and normalize-space(.)='" + label + "']//input";
	}

	private JsonNode report(String summary, String impact, String urgency) throws Exception {
		return body(expect(as("sam", HttpMethod.POST, "/api/v1/incidents", Map.of("tenantId", "acme", "callerId", "bob",
				"summary", summary, "category", "hardware", "impact", impact, "urgency", urgency)),
				HttpStatus.CREATED));
	}

	private String claimedTriageTask(String number, String user) throws Exception {
		return claimedTriageTask(number, user, "demo");
	}

	private String claimedTriageTask(String number, String user, String password) throws Exception {
		String task = body(
				expect(as("demo", HttpMethod.GET, "/engine-rest/task?processInstanceBusinessKey=" + number, null),
						HttpStatus.OK))
			.get(0)
			.get("id")
			.asText();
		expect(as(user, password, HttpMethod.POST, "/engine-rest/task/" + task + "/claim", Map.of("userId", user)),
				HttpStatus.NO_CONTENT);
		return task;
	}

	/** Signs in through the webapp's login API, as TasklistEscapingTests explains. */
	private void signIn(Browser browser, String user) {
		signIn(browser, user, "demo");
	}

	private void signIn(Browser browser, String user, String password) {
		WebappSession session = WebappSession.signIn(this.http, "tasklist", user, password);
		assertThat(session.status()).isEqualTo(200);
		browser.open("/actuator/health");
		browser.driver().manage().deleteAllCookies();
		browser.driver()
			.manage()
			.addCookie(new Cookie.Builder("JSESSIONID", session.sessionId()).path("/").isHttpOnly(true).build());
		browser.driver().manage().addCookie(new Cookie.Builder("XSRF-TOKEN", session.xsrf()).path("/camunda").build());
	}

	private ResponseEntity<String> as(String user, HttpMethod method, String path, Object body) {
		return as(user, "demo", method, path, body);
	}

	private ResponseEntity<String> as(String user, String password, HttpMethod method, String path, Object body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth(user, password);
		headers.setContentType(MediaType.APPLICATION_JSON);
		return this.http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
	}

	private JsonNode body(ResponseEntity<String> response) throws Exception {
		return this.json.readTree(response.getBody());
	}

	private static ResponseEntity<String> expect(ResponseEntity<String> response, HttpStatus status) {
		assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
		return response;
	}

}

package org.incidentdesk.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.portal.Browser;
import org.incidentdesk.tenancy.AccessModel;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
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
 * The triage form in Camunda Tasklist, as the service desk sees it: on-site dispatch is
 * already chosen for a device that cannot be serviced remotely (the table TriageDefault),
 * and the team select offers a team an administrator has just added, by name, with no
 * form edited (form-js options from the task variable {@code teamOptions}); picking it
 * and completing hands the incident to that team.
 */
@IncidentDeskTest
class TasklistTriageChoicesTests {

	@LocalServerPort
	int port;

	@Autowired
	TestRestTemplate http;

	@Autowired
	AccessModel access;

	@Autowired
	ObjectMapper json;

	@Test
	void theServiceDeskSeesTheDefaultAndPicksANewTeamInTheTriageForm() throws Exception {
		// Given an administrator adds a team for acme, and acme reports a problem with
		// a device that cannot be serviced remotely
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String team = "support-plotters-" + suffix;
		String teamName = "Plotter support " + suffix;
		expect(as("demo", HttpMethod.POST, "/api/v1/admin/teams",
				Map.of("id", team, "name", teamName, "tenants", List.of("acme"))), HttpStatus.CREATED);
		String ci = "PLOTTER-" + suffix;
		expect(as("demo", HttpMethod.POST, "/api/v1/cmdb/items",
				Map.of("tenantId", "acme", "name", ci, "type", "HARDWARE", "remotelyServiceable", false)),
				HttpStatus.CREATED);
		String number = body(
				expect(as("sam", HttpMethod.POST, "/api/v1/incidents",
						Map.of("tenantId", "acme", "callerId", "bob", "summary", "Plotter smears ink", "category",
								"hardware", "ciName", ci, "impact", "LOW", "urgency", "LOW")),
						HttpStatus.CREATED))
			.get("number")
			.asText();
		String task = body(
				expect(as("demo", HttpMethod.GET, "/engine-rest/task?processInstanceBusinessKey=" + number, null),
						HttpStatus.OK))
			.get(0)
			.get("id")
			.asText();

		// (Tasklist lets its user fill in and complete only a task claimed by them.)
		expect(as("sam", HttpMethod.POST, "/engine-rest/task/" + task + "/claim", Map.of("userId", "sam")),
				HttpStatus.NO_CONTENT);

		try (Browser browser = Browser.start(this.port)) {
			triage(browser, task, team, teamName, number);
		}
		finally {
			// Other tests count the teams that serve acme.
			as("demo", HttpMethod.DELETE, "/api/v1/admin/tenants/acme/serving-groups/" + team, null);
		}
	}

	private void triage(Browser browser, String task, String team, String teamName, String number) {
		// When the service desk opens the triage task in Tasklist
		signIn(browser, "sam", "demo");
		String serviceDesk = this.access.filterOf(CurrentUser.SERVICE_DESK).orElseThrow().getId();
		browser.open("/camunda/app/tasklist/default/#/?filter=" + serviceDesk + "&task=" + task);
		WebElement dispatch = browser.find(By.xpath(option("Dispatch to the on-site technicians")));

		// Then the task shows its customer organisation, and on-site dispatch is
		// already chosen
		browser.waiting()
			.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".task-card"), "acme"));
		browser.waiting().until(driver -> "true".equals(dispatch.getDomProperty("checked")));
		assertThat(browser.find(By.xpath(option("Escalate to a support team"))).getDomProperty("checked"))
			.isEqualTo("false");

		// When the agent chooses to escalate and opens the team select
		browser.driver()
			.executeScript("arguments[0].click();", browser.find(By.xpath(option("Escalate to a support team"))));
		WebElement select = browser.find(By
			.xpath("//*[contains(@class,'fjs-form-field') and .//label[contains(normalize-space(),'Support team')]]"
					+ "//*[contains(@class,'fjs-input-group')]"));
		browser.driver()
			.executeScript("arguments[0].dispatchEvent(new MouseEvent('mousedown', {bubbles: true}));", select);

		// Then the new team is offered by its name, among the teams that serve acme
		browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".fjs-dropdownlist-item")));
		List<String> offered = browser.driver()
			.findElements(By.cssSelector(".fjs-dropdownlist-item"))
			.stream()
			.map(WebElement::getText)
			.toList();
		assertThat(offered).contains(teamName).doesNotContain(team);

		// When the agent picks it and completes the task
		WebElement choice = browser.driver()
			.findElements(By.cssSelector(".fjs-dropdownlist-item"))
			.stream()
			.filter(item -> item.getText().equals(teamName))
			.findFirst()
			.orElseThrow();
		browser.driver()
			.executeScript("arguments[0].dispatchEvent(new MouseEvent('mousedown', {bubbles: true}));", choice);
		browser.waiting()
			.until(ExpectedConditions
				.textToBePresentInElement(select.findElement(By.cssSelector(".fjs-select-display")), teamName));
		WebElement complete = browser.find(By.xpath("//button[normalize-space()='Complete']"));
		browser.driver().executeScript("arguments[0].click();", complete);

		// Then the incident is with the new team
		browser.waiting().withTimeout(Duration.ofSeconds(20)).until(driver -> team.equals(assignmentGroup(number)));
	}

	/** The radio button of the triage decision with this label. */
	private static String option(String label) {
		return "//label[contains(@class,'fjs-form-field-label') and normalize-space(.)='" + label + "']//input";
	}

	private String assignmentGroup(String number) {
		try {
			JsonNode incident = body(as("sam", HttpMethod.GET, "/api/v1/incidents/" + number, null));
			return incident.path("assignmentGroup").asText(null);
		}
		catch (Exception ex) {
			return null;
		}
	}

	/** Signs in through the webapp's login API, as TasklistEscapingTests explains. */
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
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth(user, "demo");
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

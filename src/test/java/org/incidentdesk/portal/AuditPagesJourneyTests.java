package org.incidentdesk.portal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.incidentdesk.history.Csv;
import org.incidentdesk.IncidentDeskTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auditor's history view in a real browser (headless chromium): a closed incident's
 * diagram drawn by bpmn-js with the path taken marked and counted, the decisions, the
 * integrity check, the timeline filter and the CSV export; callers and another tenant's
 * staff refused.
 */
@IncidentDeskTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditPagesJourneyTests {

	@LocalServerPort
	int port;

	@Autowired
	TestRestTemplate http;

	@Autowired
	ObjectMapper json;

	@Autowired
	RuntimeService runtime;

	@Autowired
	ManagementService management;

	@Autowired
	HistoryService history;

	Browser browser;

	ClosedIncidents incidents;

	@BeforeAll
	void startBrowser() {
		this.browser = Browser.start(this.port);
		this.incidents = new ClosedIncidents(this.http, this.json, this.runtime, this.management);
	}

	@AfterAll
	void stopBrowser() {
		if (this.browser != null) {
			this.browser.close();
		}
	}

	@Test
	void anAuditorSeesTheClosedIncidentsPathDecisionsAndIntactTimeline() throws Exception {
		// Given an incident that was reported, whose response timer fired, that the
		// service desk resolved at triage and whose caller confirmed: closed
		String summary = "Audited printer " + UUID.randomUUID();
		String number = this.incidents.closed(summary);

		// When the auditor opens it by its digits on the history page
		this.browser.signIn("audrey", "demo");
		this.browser.open("/portal/audit/incidents?lang=en");
		this.browser.find(By.id("number")).sendKeys(number.substring(3));
		this.browser.driver().findElement(By.id("open-history")).click();
		this.browser.waiting().until(ExpectedConditions.urlContains("/portal/audit/incidents/" + number));
		assertThat(this.browser.find(By.id("audit-title")).getText()).isEqualTo("History of " + number);
		assertThat(this.browser.find(By.id("audit-summary")).getText()).isEqualTo(summary);
		assertThat(this.browser.find(By.id("audit-state")).getText()).isEqualTo("CLOSED");

		// Then bpmn-js draws the diagram of the version it ran
		this.browser.waiting().until(ExpectedConditions.attributeToBe(By.id("diagram"), "data-rendered", "true"));
		assertThat(this.browser.driver().findElements(By.cssSelector("#diagram svg"))).isNotEmpty();
		assertThat(this.browser.driver().findElements(By.cssSelector("#diagram g.djs-shape"))).hasSizeGreaterThan(20);
		saveScreenshot("audit-view.png");

		// And the path taken is marked, the timer that fired and the decision taken too,
		// while the support team's work, which never happened, is not
		assertThat(classes("Task_TriageIncident")).contains("audit-passed").doesNotContain("audit-active");
		assertThat(classes("Task_ConfirmResolution")).contains("audit-passed");
		assertThat(classes("EndEvent_IncidentClosed")).contains("audit-passed");
		assertThat(classes(ClosedIncidents.RESPONSE_TIMER)).contains("audit-passed", "audit-timer-fired");
		assertThat(classes("Task_ProposeTriageDecision")).contains("audit-passed", "audit-decided");
		assertThat(classes("Task_WorkOnIncident")).doesNotContain("audit-passed");
		assertThat(classes("BoundaryEvent_ResolutionSlaBreached")).doesNotContain("audit-passed", "audit-timer-fired");

		// And each passed element shows how often it was passed
		assertThat(count("Task_TriageIncident")).isEqualTo("1");
		assertThat(count(ClosedIncidents.RESPONSE_TIMER)).isEqualTo("1");
		assertThat(
				this.browser.driver().findElements(By.cssSelector(".audit-count[data-activity='Task_WorkOnIncident']")))
			.isEmpty();

		// And beside it the decisions the engine recorded, with their rules and outputs
		List<HistoricDecisionInstance> decisions = this.history.createHistoricDecisionInstanceQuery()
			.processInstanceId(this.history.createHistoricProcessInstanceQuery()
				.processInstanceBusinessKey(number)
				.singleResult()
				.getId())
			.includeOutputs()
			.list();
		assertThat(decisions).isNotEmpty();
		List<WebElement> listed = this.browser.driver().findElements(By.cssSelector("#decisions > li"));
		assertThat(listed).hasSize(decisions.size());
		for (HistoricDecisionInstance decision : decisions) {
			WebElement item = this.browser.driver()
				.findElement(
						By.cssSelector("#decisions > li[data-decision='" + decision.getDecisionDefinitionKey() + "']"));
			decision.getOutputs().forEach(output -> {
				assertThat(item.getText()).contains(output.getRuleId());
				assertThat(item.getText()).contains(output.getVariableName() + " = " + output.getValue());
			});
			if (decision.getOutputs().isEmpty()) {
				assertThat(item.getText()).contains("No rule matched.");
			}
		}

		// And the chain of its timeline is intact
		WebElement verification = this.browser.find(By.id("verification"));
		assertThat(verification.getAttribute("data-intact")).isEqualTo("true");
		assertThat(verification.getText()).startsWith("Intact: all");
	}

	@Test
	void theTimelineFiltersAndTheCsvExportHoldTheHistory() {
		String number = this.incidents.closed("Filtered printer " + UUID.randomUUID());
		this.browser.signIn("ines", "demo");
		this.browser.open("/portal/audit/incidents/" + number + "?lang=en");
		int total = rows().size();
		assertThat(total).isGreaterThan(10);

		// When the incident manager filters the timeline by kind
		new Select(this.browser.find(By.id("kind"))).selectByValue("TIMER_FIRED");
		this.browser.clickAndWaitForNewPage(By.id("apply-filter"));

		// Then only the fired timer is left, and the page says how many of how many
		this.browser.waiting().until(ExpectedConditions.urlContains("kind=TIMER_FIRED"));
		List<WebElement> timers = rows();
		assertThat(timers).hasSize(1);
		assertThat(timers.get(0).getText()).contains("Response SLA due");
		assertThat(this.browser.find(By.id("timeline-count")).getText()).isEqualTo("1 of " + total + " entries");

		// When they filter by actor and text instead
		this.browser.driver().findElement(By.id("clear-filter")).click();
		new Select(this.browser.find(By.id("actor"))).selectByValue("sam");
		this.browser.find(By.id("q")).sendKeys("RESOLVED");
		this.browser.clickAndWaitForNewPage(By.id("apply-filter"));
		this.browser.waiting().until(ExpectedConditions.urlContains("actor=sam"));

		// Then only sam's entries that mention it are left
		List<WebElement> resolved = rows();
		assertThat(resolved).isNotEmpty().hasSizeLessThan(total);
		for (WebElement row : resolved) {
			assertThat(row.findElement(By.cssSelector(".entry-actor")).getText()).isEqualTo("sam");
		}

		// And the CSV export, fetched with the browser's session, is the whole history
		String href = this.browser.find(By.id("csv-export")).getAttribute("href");
		@SuppressWarnings("unchecked")
		Map<String, Object> csv = (Map<String, Object>) this.browser.driver()
			.executeAsyncScript(
					"""
							const done = arguments[arguments.length - 1];
							fetch(arguments[0], { credentials: 'same-origin' })
							  .then(r => r.text().then(body => done({ status: r.status, type: r.headers.get('Content-Type'), body })))
							  .catch(e => done({ status: -1, body: String(e) }));
							""",
					href);
		assertThat(csv).containsEntry("status", 200L);
		assertThat((String) csv.get("type")).startsWith("text/csv");
		List<List<String>> lines = Csv.parse((String) csv.get("body"));
		assertThat(lines).hasSize(total + 1);
		assertThat(lines.get(0)).containsExactly("at", "source", "kind", "actor", "description", "field", "oldValue",
				"newValue", "hash");
		assertThat(lines).anyMatch(line -> line.get(2).equals("TIMER_FIRED"))
			.anyMatch(line -> line.get(4).contains(ClosedIncidents.RESOLUTION_NOTES));
	}

	@Test
	void aCallerAndAnotherTenantsStaffAreRefused() {
		String summary = "Refused printer " + UUID.randomUUID();
		String number = this.incidents.closed(summary);

		// The incident's own caller is refused, as by the history API
		this.browser.signIn("alice", "demo");
		this.browser.open("/portal/audit/incidents/" + number + "?lang=en");
		assertThat(this.browser.find(By.id("error-message")).getText()).contains("for the service provider");
		assertThat(this.browser.driver().getPageSource()).doesNotContain(summary);

		// globex's technician finds nothing there
		this.browser.signIn("tari", "demo");
		this.browser.open("/portal/audit/incidents/" + number + "?lang=en");
		assertThat(this.browser.find(By.id("error-message")).getText()).contains("nothing here that you can see");
		assertThat(this.browser.driver().getPageSource()).doesNotContain(summary);
	}

	@Test
	void thePageSpeaksIndonesian() {
		String number = this.incidents.closed("Printer macet " + UUID.randomUUID());
		this.browser.signIn("audrey", "demo");
		this.browser.open("/portal/audit/incidents/" + number + "?lang=id");
		assertThat(this.browser.find(By.id("audit-title")).getText()).isEqualTo("Riwayat " + number);
		assertThat(this.browser.find(By.id("verification")).getText()).startsWith("Utuh:");
		this.browser.waiting().until(ExpectedConditions.attributeToBe(By.id("diagram"), "data-rendered", "true"));
		this.browser.open("/portal/audit/incidents/" + number + "?lang=en");
	}

	private String classes(String elementId) {
		List<WebElement> shapes = this.browser.driver()
			.findElements(By.cssSelector("#diagram g.djs-element[data-element-id='" + elementId + "']"));
		assertThat(shapes).as(elementId + " is drawn").hasSize(1);
		return shapes.get(0).getAttribute("class");
	}

	private String count(String elementId) {
		return this.browser.find(By.cssSelector(".audit-count[data-activity='" + elementId + "']")).getText();
	}

	private List<WebElement> rows() {
		return this.browser.driver().findElements(By.cssSelector("#timeline tbody tr"));
	}

	private void saveScreenshot(String name) throws Exception {
		this.browser.driver().executeScript("document.getElementById('process-heading').scrollIntoView()");
		Path target = Path.of("target", "screenshots");
		Files.createDirectories(target);
		Files.write(target.resolve(name), this.browser.driver().getScreenshotAs(OutputType.BYTES));
	}

}

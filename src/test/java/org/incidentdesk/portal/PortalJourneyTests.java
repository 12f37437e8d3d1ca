package org.incidentdesk.portal;

import org.incidentdesk.TestReports;
import java.util.List;
import java.util.Random;

import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.incident.Channel;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentRecords;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.IncidentState;
import org.incidentdesk.incident.Level;
import org.incidentdesk.incident.ReportIncident;
import org.incidentdesk.knowledge.KnowledgeArticle;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The callers' portal in a real browser (headless chromium): the journeys of the issue,
 * the language switch, phone width, labels and escaping. One browser for the class; every
 * test signs in as its own, new users.
 */
@IncidentDeskTest
class PortalJourneyTests extends PortalBrowserJourney {

	private static final Random RANDOM = new Random();

	@Autowired
	IncidentService incidents;

	@Autowired
	IncidentRecords records;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aCallerFindsAnArticleReportsAnIncidentSeesItAndConfirmsItsResolution() {
		// Given a caller of a tenant with a published article about a unique gadget
		String tenant = this.world.tenant();
		String caller = this.world.caller(tenant);
		String gadget = word();
		KnowledgeArticle article = this.world.article(tenant, gadget + " dongle");
		this.browser.signIn(caller, PortalWorld.password(caller));

		// When the caller searches the knowledge base for it
		this.browser.open("/portal/knowledge");
		this.browser.find(By.id("q")).sendKeys(gadget);
		this.browser.clickAndWaitForNewPage(By.cssSelector("form[role=search] button"));

		// Then the article is found and opens
		this.browser.find(By.linkText(article.title())).click();
		assertThat(this.browser.find(By.tagName("h1")).getText()).isEqualTo(article.title());

		// When the caller reports an incident, typing a summary about the gadget
		this.browser.open("/portal/incidents/new");
		this.browser.find(By.id("summary")).sendKeys("My " + gadget + " keeps disconnecting");

		// Then the article is suggested while they type
		WebElement suggestion = this.browser.find(By.cssSelector("#suggestion-list li.suggestion .title"));
		assertThat(suggestion.getText()).isEqualTo(article.title());

		// When they describe it, pick the affected item and send the report
		this.browser.driver.findElement(By.id("description")).sendKeys("Since this morning.");
		new Select(this.browser.driver.findElement(By.id("ciName"))).selectByVisibleText("LAPTOP-" + tenant);
		new Select(this.browser.driver.findElement(By.id("impact"))).selectByValue("LOW");
		this.browser.clickAndWaitForNewPage(By.id("report-submit"));

		// Then the incident page shows it, with its priority and SLA due time
		this.browser.waiting().until(ExpectedConditions.urlMatches(".*/portal/incidents/INC\\d+$"));
		String url = this.browser.driver.getCurrentUrl();
		String number = url.substring(url.lastIndexOf('/') + 1);
		assertThat(this.browser.find(By.id("incident-summary")).getText())
			.isEqualTo("My " + gadget + " keeps disconnecting");
		assertThat(this.browser.find(By.cssSelector(".notice")).getText()).contains("reported");
		Incident reported = this.records.get(number);
		assertThat(reported.callerId()).isEqualTo(caller);
		assertThat(reported.channel()).isEqualTo(Channel.PORTAL);
		assertThat(reported.ciId()).isNotNull();
		assertThat(this.browser.find(By.id("incident-priority")).getText()).isEqualTo(reported.priority());
		assertThat(this.browser.find(By.id("incident-due")).getText())
			.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC");

		// And it is in "my incidents"
		this.browser.open("/portal/incidents");
		WebElement row = this.browser.find(By.cssSelector("tr[data-number='" + number + "']"));
		assertThat(row.getText()).contains("My " + gadget + " keeps disconnecting").contains(reported.priority());

		// When the service desk resolves it
		this.incidents.resolve(number, this.world.agentPrincipal("portal-agent", tenant), "SOLVED_PERMANENTLY",
				"Replaced the " + gadget + ".");

		// Then the caller sees the resolution and confirms it
		this.browser.open("/portal/incidents/" + number);
		assertThat(this.browser.find(By.id("resolution")).getText()).contains("Replaced the " + gadget + ".");
		this.browser.clickAndWaitForNewPage(By.id("confirm-resolution"));

		// And the incident is closed, in the portal and in the record
		this.browser.waiting().until(ExpectedConditions.textToBe(By.id("incident-state"), "Closed"));
		assertThat(this.records.get(number).state()).isEqualTo(IncidentState.CLOSED);
		assertThat(this.browser.driver.findElements(By.id("confirm-resolution"))).isEmpty();
	}

	@Test
	void choosingThisSolvedMyProblemWhileReportingRecordsADeflectionAndCreatesNoIncident() {
		// Given a caller and an article about a unique gadget
		String tenant = this.world.tenant();
		String caller = this.world.caller(tenant);
		String gadget = word();
		KnowledgeArticle article = this.world.article(tenant, gadget + " printer");
		this.browser.signIn(caller, PortalWorld.password(caller));

		// When the caller starts a report and the article is suggested
		this.browser.open("/portal/incidents/new");
		this.browser.find(By.id("summary")).sendKeys("The " + gadget + " prints blank pages");
		this.browser.find(By.cssSelector("#suggestion-list li.suggestion button.solved")).click();

		// Then the portal thanks them, on the article's page
		assertThat(this.browser.find(By.id("solved-notice")).getText()).contains("No incident was opened");
		assertThat(this.browser.driver.getCurrentUrl()).endsWith("/portal/knowledge/" + article.number());

		// And the deflection is recorded, while no incident exists for the caller
		assertThat(this.jdbc
			.sql("select count(*) from knowledge_feedback where article_id = :article and user_id = :user"
					+ " and incident_number is null")
			.param("article", article.id())
			.param("user", caller)
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(this.jdbc.sql("select count(*) from incident where caller_id = :caller")
			.param("caller", caller)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aCallerOfAnotherTenantOpeningAnIncidentByUrlGetsTheNotFoundPage() {
		// Given an incident of a caller of tenant A
		String tenantA = this.world.tenant();
		String callerA = this.world.caller(tenantA);
		String secret = "Secret " + word();
		Incident incident = this.incidents
			.report(TestReports.report(secret).by(tenantA, callerA).description(null).category("other").build());

		// When a caller of tenant B opens it by its address
		String callerB = this.world.caller(this.world.tenant());
		this.browser.signIn(callerB, PortalWorld.password(callerB));
		this.browser.open("/portal/incidents/" + incident.number());

		// Then they get the not-found page, and nothing of the incident
		assertThat(this.browser.find(By.id("error-message")).getText()).contains("nothing here that you can see");
		assertThat(this.browser.driver.getPageSource()).doesNotContain(secret);

		// And its attachments are not found either
		this.browser.open("/portal/incidents/" + incident.number() + "/attachments/1");
		assertThat(this.browser.find(By.id("error-message")).getText()).contains("nothing here that you can see");
	}

	@Test
	void switchesToBahasaIndonesiaAndKeepsIt() {
		// Given a signed-in caller reading the portal in English
		String caller = this.world.caller(this.world.tenant());
		this.browser.signIn(caller, PortalWorld.password(caller));
		this.browser.open("/portal");
		assertThat(this.browser.find(By.tagName("h1")).getText()).isEqualTo("Help and support");

		// When they choose Bahasa Indonesia
		this.browser.find(By.linkText("Bahasa Indonesia")).click();

		// Then the page is in Indonesian, and says so
		this.browser.waiting().until(ExpectedConditions.textToBe(By.tagName("h1"), "Bantuan dan dukungan"));
		assertThat(this.browser.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("id");

		// And the next page is too
		this.browser.open("/portal/incidents/new");
		assertThat(this.browser.find(By.tagName("h1")).getText()).isEqualTo("Laporkan insiden");
		assertThat(this.browser.driver.findElement(By.cssSelector("label[for=summary]")).getText())
			.isEqualTo("Ringkasan *");

		// When they switch back
		this.browser.find(By.linkText("English")).click();
		this.browser.waiting().until(ExpectedConditions.textToBe(By.tagName("h1"), "Report an incident"));
	}

	@Test
	void aPhoneWidthWindowNeedsNoHorizontalScrolling() {
		// Given a caller with an incident, on a phone-sized window
		String tenant = this.world.tenant();
		String caller = this.world.caller(tenant);
		this.world.article(tenant, word() + " scanner");
		Incident incident = this.incidents.report(
				TestReports.report("A rather long summary about a scanner that does not scan anything at all any more")
					.by(tenant, caller)
					.description("Details")
					.category("hardware")
					.levels(Level.MEDIUM, Level.MEDIUM)
					.build());
		this.browser.signIn(caller, PortalWorld.password(caller));
		Dimension before = this.browser.driver.manage().window().getSize();
		this.browser.driver.manage().window().setSize(new Dimension(375, 740));
		try {
			for (String page : List.of("/portal", "/portal/knowledge", "/portal/incidents/new", "/portal/incidents",
					"/portal/incidents/" + incident.number())) {
				// When the page opens
				this.browser.open(page);
				this.browser.find(By.tagName("h1"));

				// Then nothing is wider than the screen
				Object overflow = this.browser.driver.executeScript(
						"return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
				assertThat(((Number) overflow).intValue()).as(page).isLessThanOrEqualTo(0);
			}
		}
		finally {
			this.browser.driver.manage().window().setSize(before);
		}
	}

	@Test
	void everyFormControlHasALabel() {
		// Given a caller with an incident that waits for their answer
		String tenant = this.world.tenant();
		String caller = this.world.caller(tenant);
		Incident incident = this.incidents
			.report(TestReports.report("Label check").by(tenant, caller).description(null).category("other").build());
		this.incidents.resolve(incident.number(), this.world.agentPrincipal("portal-agent", tenant),
				"SOLVED_WORKAROUND", "Try again.");
		this.browser.signIn(caller, PortalWorld.password(caller));

		for (String page : List.of("/portal", "/portal/knowledge", "/portal/incidents/new",
				"/portal/incidents/" + incident.number())) {
			// When the page opens
			this.browser.open(page);
			this.browser.find(By.tagName("h1"));

			// Then each visible control has a label that names it, and each button a text
			Object unlabelled = this.browser.driver.executeScript("""
					return Array.from(document.querySelectorAll('input, select, textarea'))
					  .filter(c => c.type !== 'hidden')
					  .filter(c => !(c.id && document.querySelector('label[for="' + c.id + '"]')
					      && document.querySelector('label[for="' + c.id + '"]').textContent.trim()))
					  .map(c => c.name || c.outerHTML);""");
			assertThat((List<?>) unlabelled).as(page).isEmpty();
			Object silentButtons = this.browser.driver.executeScript("""
					return Array.from(document.querySelectorAll('button'))
					  .filter(b => !b.textContent.trim()).map(b => b.outerHTML);""");
			assertThat((List<?>) silentButtons).as(page).isEmpty();
		}
		// And the login page too
		this.browser.driver.manage().deleteAllCookies();
		this.browser.open("/login");
		assertThat(this.browser.find(By.cssSelector("label[for=username]")).getText()).isNotBlank();
		assertThat(this.browser.driver.findElement(By.cssSelector("label[for=password]")).getText()).isNotBlank();
	}

	@Test
	void scriptPayloadsInSummaryAndCommentShowAsLiteralText() {
		// Given a caller
		String caller = this.world.caller(this.world.tenant());
		this.browser.signIn(caller, PortalWorld.password(caller));
		String summary = "<script>alert('summary')</script><img src=x onerror=\"alert('img')\">";
		String comment = "<img src=x onerror=alert('comment')><script>document.title='owned'</script>";

		// When they report an incident and comment with script payloads
		this.browser.open("/portal/incidents/new");
		this.browser.find(By.id("summary")).sendKeys(summary);
		this.browser.clickAndWaitForNewPage(By.id("report-submit"));
		this.browser.waiting().until(ExpectedConditions.urlMatches(".*/portal/incidents/INC\\d+$"));
		this.browser.find(By.id("comment")).sendKeys(comment);
		this.browser.clickAndWaitForNewPage(By.id("comment-submit"));
		this.browser.waiting()
			.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "comment"));

		// Then both show as the text they are, and nothing ran or was injected
		assertThat(this.browser.find(By.id("incident-summary")).getText()).isEqualTo(summary);
		assertThat(this.browser.find(By.id("timeline")).getText()).contains(comment);
		assertNothingInjected();

		// And the same in the list of incidents
		this.browser.open("/portal/incidents");
		assertThat(this.browser.find(By.cssSelector("table.incidents")).getText()).contains(summary);
		assertNothingInjected();
	}

	private void assertNothingInjected() {
		assertThatThrownBy(() -> this.browser.driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
		assertThat(this.browser.driver.findElements(By.cssSelector("main img, main script"))).isEmpty();
		assertThat(this.browser.driver.getTitle()).isNotEqualTo("owned");
	}

	/** A made-up word that no other test's article contains. */
	private static String word() {
		StringBuilder word = new StringBuilder("zq");
		for (int i = 0; i < 8; i++) {
			word.append((char) ('a' + RANDOM.nextInt(26)));
		}
		return word.toString();
	}

}

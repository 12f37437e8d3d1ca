package org.incidentdesk.portal;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.TestReports;
import org.incidentdesk.incident.Activity;
import org.incidentdesk.incident.HoldReason;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentRecords;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.Level;
import org.incidentdesk.incident.process.IncidentProcess.Element;
import org.incidentdesk.system.CurrentUser;
import org.incidentdesk.system.WebappSession;
import org.incidentdesk.tenancy.AccessModel;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The staff incident page and list in a real browser (headless chromium): an agent finds
 * an incident in the list, reads everything about it, opens the caller's attachment,
 * writes a work note and a public reply; the caller sees the reply and not the note; the
 * page in Indonesian; other tenants' agents and callers refused; the link from Tasklist's
 * forms.
 */
@IncidentDeskTest
class StaffIncidentJourneyTests extends PortalBrowserJourney {

	private static final Duration TASKLIST_PATIENCE = Duration.ofSeconds(90);

	/** A time as the staff page writes it: {@code Wed, 2 Dec 2026, 09:15}. */
	private static final String TIME = "\\p{L}{3}, \\d{1,2} \\p{L}{3} \\d{4}, \\d\\d:\\d\\d";

	@Autowired
	IncidentService incidents;

	@Autowired
	IncidentRecords records;

	@Autowired
	TaskService tasks;

	@Autowired
	TestRestTemplate http;

	@Autowired
	AccessModel access;

	@Test
	void anAgentReadsEverythingOpensTheCallersAttachmentAndAnswersThem() {
		// Given a caller with e-mail and phone who reported an incident about their
		// laptop and attached a picture in the portal, and an agent of their
		// organisation
		String tenant = this.world.tenant();
		String caller = this.world.caller(tenant);
		contact(caller, "ann@example.com", "+62 21 555 0100");
		String agent = this.world.agent(tenant);
		String gadget = word();
		Incident incident = this.incidents.report(TestReports.report("The " + gadget + " screen flickers")
			.by(tenant, caller)
			.category("hardware")
			.ci("LAPTOP-" + tenant)
			.levels(Level.HIGH, Level.MEDIUM)
			.build());
		byte[] picture = PortalHttpTests.PNG;
		PortalSession callerSession = PortalSession.signedIn(this.port, caller, PortalWorld.password(caller));
		callerSession.get("/portal/incidents/" + incident.number());
		assertThat(
				callerSession.upload("/portal/incidents/" + incident.number() + "/attachments", "screen.png", picture)
					.statusCode())
			.isEqualTo(302);

		// When the agent signs in to the portal, goes to the list and searches for it
		this.browser.signIn(agent, PortalWorld.password(agent));
		this.browser.find(By.id("staff-incidents-link")).click();
		this.browser.find(By.id("filter-q")).sendKeys(gadget);
		new Select(this.browser.find(By.id("filter-priority"))).selectByValue(incident.priority());
		this.browser.clickAndWaitForNewPage(By.id("filter-submit"));

		// Then the list has the incident, its number on one line, linked to its page
		WebElement row = this.browser.find(By.cssSelector("tr[data-number='" + incident.number() + "']"));
		assertThat(row.getText()).contains("The " + gadget + " screen flickers");
		assertThat(this.browser.driver().findElements(By.cssSelector("#staff-incidents tbody tr"))).hasSize(1);
		WebElement number = row.findElement(By.cssSelector("td.number"));
		assertThat(number.getCssValue("white-space")).isEqualTo("nowrap");
		number.findElement(By.tagName("a")).click();

		// And the page shows the incident: caller and contact, item, category, priority
		// with its meaning, group by name, and the SLA clock in people's words
		this.browser.waiting().until(ExpectedConditions.urlContains(StaffIncidentPages.path(incident.number())));
		assertThat(this.browser.find(By.id("caller-name")).getText()).isEqualTo("caller " + caller);
		assertThat(this.browser.find(By.id("caller-email")).getText()).isEqualTo("ann@example.com");
		assertThat(this.browser.find(By.id("caller-phone")).getText()).isEqualTo("+62 21 555 0100");
		assertThat(this.browser.find(By.id("incident-ci")).getText()).contains("LAPTOP-" + tenant).contains("hardware");
		assertThat(this.browser.find(By.id("incident-category")).getText()).isEqualTo("Hardware");
		assertThat(this.browser.find(By.id("incident-priority")).getText())
			.isEqualTo("P2 – high: high impact or high urgency, the other medium");
		assertThat(this.browser.find(By.id("incident-impact-urgency")).getText())
			.isEqualTo("Impact High, urgency Medium");
		Incident stored = this.records.get(incident.number());
		Group group = this.identity.createGroupQuery().groupId(stored.assignmentGroup()).singleResult();
		assertThat(this.browser.find(By.id("incident-group")).getText()).isEqualTo(group.getName());
		assertThat(this.browser.find(By.id("sla-resolution-due")).getText()).matches(TIME);
		assertThat(this.browser.find(By.id("sla-response-due")).getText()).matches(TIME);
		assertThat(this.browser.find(By.id("sla-remaining")).getText()).matches(".*\\d+ d \\d+ h \\d+ min left.*");
		assertThat(this.browser.find(By.id("sla-paused")).getText()).isEqualTo("running");
		// (the service's own entries are the service's, not the caller's)
		List<WebElement> changes = this.browser.driver()
			.findElements(By.cssSelector("#timeline li[data-kind='FIELD_CHANGE'] .author"));
		assertThat(changes).isNotEmpty().allSatisfy(author -> assertThat(author.getText()).isEqualTo("Incident Desk"));
		assertThat(this.browser.find(By.id("timeline")).getText()).doesNotContain("resolutionDueAt", "Z]");

		// When the agent downloads the caller's picture
		WebElement link = this.browser.find(By.linkText("screen.png"));
		String downloaded = (String) this.browser.driver()
			.executeAsyncScript("const done = arguments[arguments.length - 1];"
					+ "fetch(arguments[0]).then(r => r.ok ? r.arrayBuffer() : Promise.reject(r.status))"
					+ ".then(b => done(btoa(String.fromCharCode(...new Uint8Array(b)))), e => done('failed ' + e));",
					link.getDomProperty("href"));

		// Then it is the caller's file, byte for byte
		assertThat(Base64.getDecoder().decode(downloaded)).isEqualTo(picture);

		// When the agent writes a work note and a public reply on the page
		String note = "Checked the " + gadget + " cable, internal only";
		String reply = "We send a technician for the " + gadget + " tomorrow";
		this.browser.find(By.id("note")).sendKeys(note);
		this.browser.clickAndWaitForNewPage(By.id("note-submit"));
		assertThat(this.browser.find(By.cssSelector(".notice")).getText()).isEqualTo("The work note was added.");
		this.browser.find(By.id("reply")).sendKeys(reply);
		this.browser.clickAndWaitForNewPage(By.id("reply-submit"));
		assertThat(this.browser.find(By.cssSelector(".notice")).getText())
			.isEqualTo("Your reply was sent to the caller.");

		// Then both are on the timeline, the note marked internal, both by the agent
		WebElement noteEntry = this.browser.find(By.xpath("//ol[@id='timeline']/li[contains(., '" + note + "')]"));
		assertThat(noteEntry.getDomAttribute("data-visibility")).isEqualTo("INTERNAL");
		assertThat(noteEntry.getText()).contains(agent).contains("internal");
		WebElement replyEntry = this.browser.find(By.xpath("//ol[@id='timeline']/li[contains(., '" + reply + "')]"));
		assertThat(replyEntry.getDomAttribute("data-visibility")).isEqualTo("PUBLIC");
		assertThat(replyEntry.getText()).contains(agent);
		assertThat(this.records.timeline(incident.number(), true)).extracting(Activity::body).contains(note, reply);

		// And the caller sees the reply in the portal, not the note
		String callerPage = callerSession.get("/portal/incidents/" + incident.number()).body();
		assertThat(callerPage).contains(reply).doesNotContain(note);

		// And in Indonesian the page speaks Indonesian
		this.browser.open(StaffIncidentPages.path(incident.number()) + "?lang=id");
		assertThat(this.browser.find(By.tagName("html")).getDomAttribute("lang")).isEqualTo("id");
		assertThat(this.browser.find(By.id("details")).getText()).contains("Pelapor").contains("Dampak / urgensi");
		assertThat(this.browser.find(By.id("incident-priority")).getText()).contains("tinggi");
		assertThat(this.browser.find(By.id("note-heading")).getText()).isEqualTo("Catatan kerja");
		assertThat(this.browser.find(By.id("sla-paused")).getText()).isEqualTo("berjalan");
		this.browser.open(StaffIncidentPages.path(incident.number()) + "?lang=en");
	}

	@Test
	void theListFiltersByStatePriorityAndGroup() {
		// Given an agent's organisation with a P1 on hold and a P5 new
		String tenant = this.world.tenant();
		String caller = this.world.caller(tenant);
		String agent = this.world.agent(tenant);
		String gadget = word();
		Incident critical = this.incidents
			.report(TestReports.report("Critical " + gadget).by(tenant, caller).levels(Level.HIGH, Level.HIGH).build());
		Incident planning = this.incidents
			.report(TestReports.report("Planning " + gadget).by(tenant, caller).levels(Level.LOW, Level.LOW).build());
		this.incidents.hold(critical.number(), HoldReason.AWAITING_VENDOR, null);
		this.browser.signIn(agent, PortalWorld.password(agent));

		// When the agent filters the organisation's list by state
		this.browser.open(StaffIncidentPages.BASE);
		new Select(this.browser.find(By.id("filter-tenant"))).selectByValue(tenant);
		new Select(this.browser.find(By.id("filter-state"))).selectByValue("ON_HOLD");
		this.browser.clickAndWaitForNewPage(By.id("filter-submit"));

		// Then only the one on hold is listed
		this.browser.find(By.cssSelector("tr[data-number='" + critical.number() + "']"));
		assertThat(listed()).containsExactly(critical.number());

		// When by priority instead
		new Select(this.browser.find(By.id("filter-state"))).selectByValue("");
		new Select(this.browser.find(By.id("filter-priority"))).selectByValue("P5");
		this.browser.clickAndWaitForNewPage(By.id("filter-submit"));

		// Then only the planning one
		this.browser.find(By.cssSelector("tr[data-number='" + planning.number() + "']"));
		assertThat(listed()).containsExactly(planning.number());

		// When by the group working on the planning one
		String group = this.records.get(planning.number()).assignmentGroup();
		new Select(this.browser.find(By.id("filter-priority"))).selectByValue("");
		new Select(this.browser.find(By.id("filter-group"))).selectByValue(group);
		this.browser.clickAndWaitForNewPage(By.id("filter-submit"));

		// Then the list has it, and each row's group is named
		this.browser.find(By.cssSelector("tr[data-number='" + planning.number() + "']"));
		assertThat(listed()).contains(planning.number());
		assertThat(this.records.get(critical.number()).assignmentGroup().equals(group) == listed()
			.contains(critical.number())).isTrue();
	}

	@Test
	void agentsOfOtherTenantsAndCallersAreRefused() {
		// Given an incident of one organisation
		String tenant = this.world.tenant();
		String caller = this.world.caller(tenant);
		String secret = "Secret " + word();
		Incident incident = this.incidents.report(TestReports.report(secret).by(tenant, caller).build());
		String stranger = this.world.agent(this.world.tenant());

		// When an agent of another organisation opens its staff page
		this.browser.signIn(stranger, PortalWorld.password(stranger));
		this.browser.open(StaffIncidentPages.path(incident.number()));

		// Then they get the not-found page, and nothing of the incident
		assertThat(this.browser.find(By.id("error-message")).getText()).contains("nothing here that you can see");
		assertThat(this.browser.driver().getPageSource()).doesNotContain(secret);

		// When its own caller opens it
		this.browser.signIn(caller, PortalWorld.password(caller));
		this.browser.open(StaffIncidentPages.path(incident.number()));

		// Then the staff page is refused them
		assertThat(this.browser.find(By.id("error-message")).getText()).contains("That was refused");
		assertThat(this.browser.driver().getPageSource()).doesNotContain(secret);
	}

	@Test
	void aTasklistFormLinksToTheIncidentsStaffPage() {
		// Given an incident waiting for triage and an agent of its organisation
		String tenant = this.world.tenant();
		String caller = this.world.caller(tenant);
		String agent = this.world.agent(tenant);
		Incident incident = this.incidents
			.report(TestReports.report("Tasklist link " + word()).by(tenant, caller).build());
		Task triage = this.tasks.createTaskQuery()
			.processInstanceBusinessKey(incident.number())
			.taskDefinitionKey(Element.TASK_TRIAGE_INCIDENT)
			.singleResult();

		// When the agent opens the triage task in Tasklist
		WebappSession session = WebappSession.signIn(this.http, "tasklist", agent, PortalWorld.password(agent));
		assertThat(session.status()).isEqualTo(200);
		this.browser.driver().manage().deleteAllCookies();
		this.browser.open("/actuator/health");
		this.browser.driver()
			.manage()
			.addCookie(new Cookie.Builder("JSESSIONID", session.sessionId()).path("/").isHttpOnly(true).build());
		this.browser.driver()
			.manage()
			.addCookie(new Cookie.Builder("XSRF-TOKEN", session.xsrf()).path("/camunda").build());
		String serviceDesk = this.access.filterOf(CurrentUser.SERVICE_DESK).orElseThrow().getId();
		this.browser.open("/camunda/app/tasklist/default/#/?filter=" + serviceDesk + "&task=" + triage.getId());

		// Then the form's first component links to the incident's staff page
		// (Tasklist's first load, megabytes of scripts, takes longer than a portal page
		// on a busy machine)
		WebElement link = new WebDriverWait(this.browser.driver(), TASKLIST_PATIENCE).until(ExpectedConditions
			.visibilityOfElementLocated(By.cssSelector("a[href='/portal/staff/incidents/" + incident.number() + "']")));
		assertThat(link.getText()).contains(incident.number());
	}

	private List<String> listed() {
		return this.browser.driver()
			.findElements(By.cssSelector("#staff-incidents tbody tr"))
			.stream()
			.map(row -> row.getDomAttribute("data-number"))
			.toList();
	}

	private void contact(String userId, String email, String phone) {
		User user = this.identity.createUserQuery().userId(userId).singleResult();
		user.setEmail(email);
		this.identity.saveUser(user);
		this.identity.setUserInfo(userId, StaffDirectory.PHONE_KEY, phone);
	}

	private static String word() {
		return "zq" + UUID.randomUUID().toString().substring(0, 8);
	}

}

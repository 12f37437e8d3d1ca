package org.incidentdesk.system;

import org.incidentdesk.TestReports;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.incident.Activity.Visibility;
import org.incidentdesk.incident.Channel;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.Level;
import org.incidentdesk.incident.ReportIncident;
import org.incidentdesk.incident.process.IncidentProcess.Element;
import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.incidentdesk.knowledge.ArticleKind;
import org.incidentdesk.knowledge.ArticleState;
import org.incidentdesk.knowledge.ArticleVisibility;
import org.incidentdesk.knowledge.KnowledgeBase;
import org.incidentdesk.knowledge.NewArticle;
import org.incidentdesk.portal.Browser;
import org.incidentdesk.tenancy.AccessModel;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What callers type reaches the service desk in Camunda Tasklist as text: script payloads
 * in the summary, the description, a knowledge article's title and a caller's reply show
 * literally in the triage form, and nothing runs or is injected anywhere on the page. The
 * task list and the task header show only the task's and the process's names and the
 * tenant, so no caller input reaches them; the page-wide check covers them all the same.
 * <p>
 * The triage form shows these values in read-only text fields. A form-js {@code text}
 * component with a template ({@code {{summary}}}) would not be safe: Tasklist's form-js
 * puts the value into the markdown unescaped and its sanitizer keeps elements such as
 * {@code <img src>} and {@code <span class>} (only event handlers go); this test then
 * fails. An {@code html} component escapes template values.
 */
@IncidentDeskTest
class TasklistEscapingTests {

	@LocalServerPort
	int port;

	@Autowired
	IdentityService identity;

	@Autowired
	KnowledgeBase knowledge;

	@Autowired
	IncidentService incidents;

	@Autowired
	TaskService tasks;

	@Autowired
	TestRestTemplate http;

	@Autowired
	AccessModel access;

	@Test
	void anAgentSeesScriptPayloadsAsTextInTheTaskListAndTheTriageForm() {
		// Given an incident whose caller wrote script payloads, a matching article with a
		// payload in its title, and a service desk agent of the caller's organisation
		String word = "zq" + UUID.randomUUID().toString().substring(0, 8);
		String tenant = tenant();
		String caller = user("caller", tenant, "customers");
		String agent = user("agent", tenant, "service-desk");
		String summary = payload("summary") + " printer " + word;
		String description = "<script>alert('description')</script><b onmouseover=\"alert('bold')\">bold</b>"
				+ payload("description");
		String title = payload("article") + " " + word;
		String reply = payload("reply");
		this.knowledge.create(new NewArticle(tenant, ArticleKind.ARTICLE, title, "The " + word + " stops.",
				"Restart the " + word + ".", List.of(), "en", ArticleVisibility.PUBLIC, ArticleState.PUBLISHED, null,
				null), "tasklist-tests");
		Incident incident = this.incidents
			.report(TestReports.report(summary).by(tenant, caller).description(description).category("other").build());
		// A question and the caller's answer: the answer is in the next triage
		// task's history.
		this.tasks.complete(triageTask(incident).getId(), Variables.putValue(Var.TRIAGE_DECISION, "REQUEST_INFO")
			.putValue(Var.CALLER_QUESTION, "Which " + word + "?"));
		this.incidents.comment(incident.number(), caller, reply, Visibility.PUBLIC);
		Task triage = triageTask(incident);
		// Another incident of the organisation, which the search leaves out.
		this.incidents.report(new ReportIncident(tenant, caller, null, Channel.PORTAL, "Another " + word, null, "other",
				null, Level.LOW, Level.LOW));

		// The browser starts here: the fresh context's port is known only once the
		// test runs.
		try (Browser browser = Browser.start(this.port)) {
			// When the agent signs in to Tasklist, searches the list for the incident and
			// follows the task's link
			signIn(browser, agent, password(agent));
			// The service desk serves every tenant, so the list has other tests' tasks:
			// Tasklist's own search (as its "Filter Tasks" box puts it into the address)
			// narrows it to the incident.
			String serviceDesk = this.access.filterOf(CurrentUser.SERVICE_DESK).orElseThrow().getId();
			browser.open("/camunda/app/tasklist/default/#/?filter=" + serviceDesk + "&searchQuery="
					+ URLEncoder.encode("[{\"type\":\"processInstanceBusinessKey\",\"operator\":\"eq\",\"value\":\""
							+ incident.number() + "\",\"name\":\"\"}]", StandardCharsets.UTF_8));
			WebElement inList = browser.find(By.cssSelector(".tasks-list a[href*='task=" + triage.getId() + "']"));
			browser.waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".tasks-list li.task"), 1));
			assertThat(inList.getText()).isEqualTo("Triage incident");
			// (the group's filter shows the incident's number and summary on each card)
			browser.waiting()
				.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".tasks-list li.task"),
						incident.number()));
			assertThat(browser.find(By.cssSelector(".tasks-list li.task")).getText()).contains(summary);
			// (found again: Tasklist may have drawn the list anew meanwhile)
			browser.driver()
				.get(browser.find(By.cssSelector(".tasks-list a[href*='task=" + triage.getId() + "']"))
					.getDomProperty("href"));

			// Then the header names the task, and the form shows every payload as the
			// text it is
			browser.waiting()
				.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".task-card h2.task"),
						"Triage incident"));
			assertThat(value(browser, "Field_TriageIncident_Summary")).isEqualTo(summary);
			assertThat(value(browser, "Field_TriageIncident_Description")).isEqualTo(description);
			// (the knowledge suggestions are links to the articles' pages in the portal)
			WebElement article = browser.find(By.cssSelector(".fjs-form-field-html a[href^='/portal/knowledge/']"));
			assertThat(article.findElement(By.xpath("./ancestor::li")).getText()).contains(title);
			assertThat(value(browser, "Field_TriageIncident_IncidentHistory")).contains(reply);

			// And nothing ran or was injected anywhere on the page: the list, the header
			// and the form are all on it
			assertThatThrownBy(() -> browser.driver().switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
			assertThat(injected(browser)).isEmpty();
		}
	}

	/**
	 * The elements and scripts that the payloads would have made, had anything rendered
	 * them as HTML (sanitizers drop the event handlers but may keep the elements).
	 */
	@SuppressWarnings("unchecked")
	private static List<String> injected(Browser browser) {
		return (List<String>) browser.driver()
			.executeScript("return Array.from(document.querySelectorAll("
					+ "\"img[src='x'], .injected, [onerror], [onmouseover], b, script\"))"
					+ ".filter(e => e.tagName !== 'SCRIPT' || e.textContent.includes('alert('))"
					+ ".filter(e => e.tagName !== 'B' || e.textContent === 'bold')" + ".map(e => e.outerHTML);");
	}

	/**
	 * Signs in through the webapp's own login API and hands the session cookies to the
	 * browser, which is a fair way in: what is tested is how Tasklist renders, not how it
	 * signs in. Typing into the login form is no option here: in this headless chromium
	 * the key and mouse events that WebDriver sends never reach the pages of Camunda's
	 * webapps (not even a listener on the window sees them), while they reach the
	 * portal's pages; text inserted as if by an input method does arrive, but a click on
	 * "Log in" does not.
	 */
	private void signIn(Browser browser, String user, String password) {
		WebappSession session = WebappSession.signIn(this.http, "tasklist", user, password);
		assertThat(session.status()).isEqualTo(200);
		// Cookies are set for the origin of the page that is open; a page without
		// scripts, since a webapp's page would start a session of its own and could
		// overwrite them.
		browser.open("/actuator/health");
		browser.driver().manage().deleteAllCookies();
		browser.driver()
			.manage()
			.addCookie(new Cookie.Builder("JSESSIONID", session.sessionId()).path("/").isHttpOnly(true).build());
		browser.driver().manage().addCookie(new Cookie.Builder("XSRF-TOKEN", session.xsrf()).path("/camunda").build());
	}

	/** What the form field shows: its value, as the browser has it. */
	private static String value(Browser browser, String fieldId) {
		WebElement field = browser.find(By.cssSelector("[id$='" + fieldId + "']"));
		return field.getDomProperty("value");
	}

	private static String payload(String where) {
		return "<img src=x onerror=\"alert('" + where + "')\"><span class=\"injected\">" + where + "</span>";
	}

	private Task triageTask(Incident incident) {
		return this.tasks.createTaskQuery()
			.processInstanceBusinessKey(incident.number())
			.taskDefinitionKey(Element.TASK_TRIAGE_INCIDENT)
			.singleResult();
	}

	private String tenant() {
		String id = unique("tl");
		Tenant tenant = this.identity.newTenant(id);
		tenant.setName("Tasklist test " + id);
		this.identity.saveTenant(tenant);
		return id;
	}

	private String user(String prefix, String tenantId, String groupId) {
		String id = unique(prefix);
		User user = this.identity.newUser(id);
		user.setFirstName(prefix);
		user.setLastName(id);
		user.setPassword(password(id));
		this.identity.saveUser(user);
		this.identity.createMembership(id, groupId);
		this.identity.createTenantUserMembership(tenantId, id);
		return id;
	}

	private static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private static String password(String userId) {
		return "pw-" + userId;
	}

}

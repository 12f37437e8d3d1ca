package org.incidentdesk.portal;

import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.incidentdesk.BothDatabases;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.TestReports;
import org.incidentdesk.cmdb.Cmdb;
import org.incidentdesk.incident.Activity;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentRecords;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.IncidentState;
import org.incidentdesk.knowledge.KnowledgeBase;
import org.incidentdesk.system.CurrentUser;
import org.incidentdesk.system.EngineClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The staff incident page and list over plain HTTP: who gets them (as the API answers the
 * same people), CSRF, bad input as a 4xx with its reason on the page, hold and resume,
 * overseers who read and change nothing, and the list's SLA filter, whose SQL runs on H2
 * and PostgreSQL.
 */
@IncidentDeskTest
@BothDatabases
class StaffIncidentPagesHttpTests {

	@LocalServerPort
	int port;

	@Autowired
	IdentityService identity;

	@Autowired
	Cmdb cmdb;

	@Autowired
	KnowledgeBase knowledge;

	@Autowired
	IncidentService incidents;

	@Autowired
	IncidentRecords records;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestRestTemplate http;

	@Autowired
	EngineClock clock;

	PortalWorld world;

	String tenant;

	String caller;

	String agent;

	@BeforeEach
	void world() {
		this.world = new PortalWorld(this.identity, this.cmdb, this.knowledge);
		this.tenant = this.world.tenant();
		this.caller = this.world.caller(this.tenant);
		this.agent = this.world.agent(this.tenant);
	}

	@Test
	void callersAndAgentsOfOtherTenantsGetWhatTheApiGivesThem() {
		// Given an incident of the tenant, its caller, and an agent of another tenant
		Incident incident = report("Refusal check");
		String otherTenant = this.world.tenant();
		String stranger = this.world.agent(otherTenant);
		String page = StaffIncidentPages.path(incident.number());

		// When the caller opens the staff page or writes a work note there
		PortalSession callerSession = PortalSession.signedIn(this.port, this.caller, PortalWorld.password(this.caller));
		callerSession.get("/portal/incidents/" + incident.number());
		HttpResponse<String> callerPage = callerSession.get(page);
		HttpResponse<String> callerList = callerSession.get(StaffIncidentPages.BASE);
		HttpResponse<String> callerNote = callerSession.post(page + "/work-notes", Map.of("body", "sneaky"));

		// Then they are refused as the API refuses a caller's work note (403)
		assertThat(callerPage.statusCode()).isEqualTo(403);
		assertThat(callerPage.body()).contains("That was refused");
		assertThat(callerList.statusCode()).isEqualTo(403);
		assertThat(callerNote.statusCode()).isEqualTo(403);
		assertThat(apiStatus(HttpMethod.POST, "/api/v1/incidents/" + incident.number() + "/work-notes", this.caller,
				"{\"body\":\"sneaky\"}"))
			.isEqualTo(403);

		// And the agent of another tenant finds nothing, as the API answers them (404),
		// the same as for a number that does not exist
		PortalSession strangerSession = PortalSession.signedIn(this.port, stranger, PortalWorld.password(stranger));
		HttpResponse<String> strangerPage = strangerSession.get(page);
		assertThat(strangerPage.statusCode()).isEqualTo(404);
		assertThat(strangerPage.body()).contains("There is nothing here that you can see")
			.doesNotContain("Refusal check");
		assertThat(apiStatus(HttpMethod.GET, "/api/v1/incidents/" + incident.number(), stranger, null)).isEqualTo(404);
		assertThat(strangerSession.get(StaffIncidentPages.path("INC9999999")).statusCode()).isEqualTo(404);
		strangerSession.get(StaffIncidentPages.BASE);
		assertThat(strangerSession.post(page + "/work-notes", Map.of("body", "stray")).statusCode()).isEqualTo(404);
		assertThat(strangerSession.get(page + "/attachments/1").statusCode()).isEqualTo(404);
		assertThat(this.records.timeline(incident.number(), true)).extracting(Activity::body)
			.doesNotContain("sneaky", "stray");

		// While the tenant's own agent reads it
		PortalSession agentSession = PortalSession.signedIn(this.port, this.agent, PortalWorld.password(this.agent));
		assertThat(agentSession.get(page).statusCode()).isEqualTo(200);
		assertThat(apiStatus(HttpMethod.GET, "/api/v1/incidents/" + incident.number(), this.agent, null))
			.isEqualTo(200);
	}

	@Test
	void formsWithoutTheCsrfTokenAreRefused() {
		// Given an agent on the staff page of an incident
		Incident incident = report("CSRF on the staff page");
		PortalSession session = PortalSession.signedIn(this.port, this.agent, PortalWorld.password(this.agent));
		String page = StaffIncidentPages.path(incident.number());
		session.get(page);

		// When a work note, a reply and a hold arrive without the token
		HttpResponse<String> note = session.postWithoutToken(page + "/work-notes", Map.of("body", "forged note"));
		HttpResponse<String> reply = session.postWithoutToken(page + "/replies", Map.of("body", "forged reply"));
		HttpResponse<String> hold = session.postWithoutToken(page + "/hold", Map.of("reason", "AWAITING_VENDOR"));

		// Then each is refused with the portal's page, and nothing changes
		assertThat(note.statusCode()).isEqualTo(403);
		assertThat(note.body()).contains("That was refused");
		assertThat(reply.statusCode()).isEqualTo(403);
		assertThat(hold.statusCode()).isEqualTo(403);
		assertThat(this.records.timeline(incident.number(), true)).extracting(Activity::body)
			.doesNotContain("forged note", "forged reply");
		assertThat(this.records.get(incident.number()).state()).isNotEqualTo(IncidentState.ON_HOLD);

		// While with the token the note is taken and the page says so
		session.get(page);
		HttpResponse<String> genuine = session.post(page + "/work-notes", Map.of("body", "genuine note"));
		assertThat(genuine.statusCode()).isEqualTo(302);
		assertThat(genuine.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith(page));
		assertThat(session.get(page).body()).contains("The work note was added.").contains("genuine note");
	}

	@Test
	void badInputIsRefusedWithItsReasonOnThePage() {
		// Given an agent on the staff page of an incident, reading in Indonesian for the
		// last one
		Incident incident = report("Bad input on the staff page");
		PortalSession session = PortalSession.signedIn(this.port, this.agent, PortalWorld.password(this.agent));
		String page = StaffIncidentPages.path(incident.number());
		session.get(page);

		// When they send an empty note, a reply too long, and a hold without a valid
		// reason
		HttpResponse<String> emptyNote = session.post(page + "/work-notes", Map.of("body", "   "));
		HttpResponse<String> longReply = session.post(page + "/replies", Map.of("body", "x".repeat(4001)));
		HttpResponse<String> badHold = session.post(page + "/hold", Map.of("reason", "LUNCH", "comment", "later"));
		HttpResponse<String> noFile = session.upload(page + "/attachments", "empty.txt", new byte[0]);
		session.get(page + "?lang=id");
		HttpResponse<String> emptyReplyId = session.post(page + "/replies", Map.of("body", ""));

		// Then each is a 400 (or the upload's own 4xx) with the plain reason on the page,
		// and nothing is written
		assertThat(emptyNote.statusCode()).isEqualTo(400);
		assertThat(emptyNote.body()).contains("Please write the work note.");
		assertThat(longReply.statusCode()).isEqualTo(400);
		assertThat(longReply.body()).contains("A reply may have at most 4000 characters.");
		assertThat(badHold.statusCode()).isEqualTo(400);
		assertThat(badHold.body()).contains("Choose a reason for the hold from the list.");
		assertThat(noFile.statusCode()).isEqualTo(400);
		assertThat(noFile.body()).contains("Please choose a file that is not empty.");
		assertThat(emptyReplyId.statusCode()).isEqualTo(400);
		assertThat(emptyReplyId.body()).contains("Silakan tulis balasannya.");
		assertThat(this.records.timeline(incident.number(), true)).extracting(Activity::body)
			.doesNotContain("x".repeat(4001), "later");
		assertThat(this.records.get(incident.number()).state()).isNotEqualTo(IncidentState.ON_HOLD);

		// And the list refuses a filter it does not know, with the reason
		HttpResponse<String> badFilter = session.get(StaffIncidentPages.BASE + "?priority=P9&lang=en");
		assertThat(badFilter.statusCode()).isEqualTo(400);
		assertThat(badFilter.body()).contains("Choose a priority from the list.");
	}

	@Test
	void anAgentHoldsAndResumesAnIncidentAndAConflictIsSaid() {
		// Given an agent on the staff page of a new incident
		Incident incident = report("Hold from the staff page");
		PortalSession session = PortalSession.signedIn(this.port, this.agent, PortalWorld.password(this.agent));
		String page = StaffIncidentPages.path(incident.number());
		session.get(page);

		// When they put it on hold awaiting the vendor
		HttpResponse<String> hold = session.post(page + "/hold",
				Map.of("reason", "AWAITING_VENDOR", "comment", "The vendor sends a part."));

		// Then it is on hold, and the page says so and shows the clock
		assertThat(hold.statusCode()).isEqualTo(302);
		assertThat(this.records.get(incident.number()).state()).isEqualTo(IncidentState.ON_HOLD);
		String onHold = session.get(page).body();
		assertThat(onHold).contains("The incident is on hold.").contains("awaiting the vendor");

		// When they resume it, and then again
		HttpResponse<String> resume = session.post(page + "/resume", Map.of());
		assertThat(resume.statusCode()).isEqualTo(302);
		assertThat(this.records.get(incident.number()).state()).isEqualTo(IncidentState.IN_PROGRESS);
		HttpResponse<String> again = session.post(page + "/resume", Map.of());

		// Then the second is a conflict with the service's reason on the page
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(again.body()).contains("only an incident on hold can be resumed");
	}

	@Test
	void auditorsReadTheStaffPageAndChangeNothing() {
		// Given an incident and an auditor
		Incident incident = report("Audited on the staff page");
		String auditor = user("auditor", CurrentUser.AUDITORS);
		PortalSession session = PortalSession.signedIn(this.port, auditor, PortalWorld.password(auditor));
		String page = StaffIncidentPages.path(incident.number());

		// When they open the page and try a work note
		HttpResponse<String> read = session.get(page);
		HttpResponse<String> note = session.post(page + "/work-notes", Map.of("body", "auditor's note"));

		// Then they read it without any form, and the note is refused as the API refuses
		// it
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(read.body()).contains("Audited on the staff page")
			.contains("your role changes nothing")
			.doesNotContain("id=\"note\"");
		assertThat(note.statusCode()).isEqualTo(403);
		assertThat(apiStatus(HttpMethod.POST, "/api/v1/incidents/" + incident.number() + "/work-notes", auditor,
				"{\"body\":\"auditor's note\"}"))
			.isEqualTo(403);
		assertThat(this.records.timeline(incident.number(), true)).extracting(Activity::body)
			.doesNotContain("auditor's note");
		// and the page leads them to the incident's full history, which opens with the
		// same session
		String history = "/portal/audit/incidents/" + incident.number();
		assertThat(read.body()).contains("href=\"" + history + "\"");
		HttpResponse<String> audit = session.get(history);
		assertThat(audit.statusCode()).isEqualTo(200);
		assertThat(audit.body()).contains("Audited on the staff page");
	}

	@Test
	void theListFiltersBySlaRiskAndTenant() {
		// Given three incidents of the tenant: breached, at risk and on track
		Incident breached = report("Printer breached");
		Incident atRisk = report("Printer at risk");
		Incident onTrack = report("Printer on track");
		OffsetDateTime now = this.clock.nowUtc();
		due(breached, now.minusHours(3), now.minusHours(1));
		due(atRisk, now.minusHours(1), now.plusHours(2));
		due(onTrack, now.plusHours(5), now.plusHours(8));
		PortalSession session = PortalSession.signedIn(this.port, this.agent, PortalWorld.password(this.agent));

		// When the agent filters the list of the tenant
		String list = StaffIncidentPages.BASE + "?tenant=" + this.tenant;
		String all = session.get(list).body();
		String breachedOnly = session.get(list + "&sla=BREACHED").body();
		String atRiskOnly = session.get(list + "&sla=AT_RISK").body();
		String searched = session.get(list + "&q=printer+risk").body();

		// Then each filter shows its incidents, each linked to its staff page
		assertThat(all).contains(breached.number(), atRisk.number(), onTrack.number())
			.contains("href=\"" + StaffIncidentPages.path(onTrack.number()) + "\"");
		assertThat(breachedOnly).contains(breached.number()).doesNotContain(atRisk.number(), onTrack.number());
		assertThat(atRiskOnly).contains(atRisk.number()).doesNotContain(breached.number(), onTrack.number());
		assertThat(searched).contains(atRisk.number()).doesNotContain(breached.number(), onTrack.number());

		// And a tenant the agent does not serve is refused, not shown
		String other = this.world.tenant();
		HttpResponse<String> foreign = session.get(StaffIncidentPages.BASE + "?tenant=" + other);
		assertThat(foreign.statusCode()).isEqualTo(400);
		assertThat(foreign.body()).contains("Choose one of your organisations from the list.");
	}

	private void due(Incident incident, OffsetDateTime warningAt, OffsetDateTime dueAt) {
		this.jdbc
			.sql("update incident set resolution_warning_at = :warning, resolution_due_at = :due,"
					+ " resolution_sla_breached = false, response_sla_breached = false where id = :id")
			.param("warning", warningAt)
			.param("due", dueAt)
			.param("id", incident.id())
			.update();
	}

	private Incident report(String summary) {
		return this.incidents.report(TestReports.report(summary).by(this.tenant, this.caller).build());
	}

	private int apiStatus(HttpMethod method, String path, String user, String json) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return this.http.withBasicAuth(user, PortalWorld.password(user))
			.exchange(path, method, new HttpEntity<>(json, headers), String.class)
			.getStatusCode()
			.value();
	}

	private String user(String prefix, String group) {
		String id = PortalWorld.unique(prefix);
		User user = this.identity.newUser(id);
		user.setFirstName(prefix);
		user.setLastName(id);
		user.setPassword(PortalWorld.password(id));
		this.identity.saveUser(user);
		this.identity.createMembership(id, group);
		return id;
	}

}

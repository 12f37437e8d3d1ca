package org.incidentdesk.portal;

import org.incidentdesk.TestReports;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.cmdb.Cmdb;
import org.incidentdesk.incident.Activity;
import org.incidentdesk.incident.Channel;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentRecords;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.Level;
import org.incidentdesk.incident.ReportIncident;
import org.incidentdesk.incident.process.IncidentProcess.Element;
import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.incidentdesk.knowledge.KnowledgeBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal over plain HTTP, where a browser hides what matters: status codes, CSRF,
 * headers, the language from {@code Accept-Language}, uploads and downloads, and the
 * attachments API for staff.
 */
@IncidentDeskTest
class PortalHttpTests {

	/** The smallest valid PNG: one transparent pixel. */
	static final byte[] PNG = Base64.getDecoder()
		.decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

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
	TaskService tasks;

	PortalWorld world;

	@BeforeEach
	void world() {
		this.world = new PortalWorld(this.identity, this.cmdb, this.knowledge);
	}

	@Test
	void portalPagesNeedASignInButTheLoginPageAndAssetsDoNot() {
		PortalSession anonymous = new PortalSession(this.port);

		assertThat(anonymous.get("/portal/incidents").statusCode()).isEqualTo(302);
		assertThat(anonymous.get("/portal/incidents").headers().firstValue("Location"))
			.hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
		assertThat(anonymous.get("/").statusCode()).isEqualTo(302);
		assertThat(anonymous.get("/login").statusCode()).isEqualTo(200);
		assertThat(anonymous.get("/portal/assets/portal.css").statusCode()).isEqualTo(200);
		assertThat(anonymous.get("/portal/assets/portal.js").statusCode()).isEqualTo(200);
	}

	@Test
	void aWrongPasswordShowsTheLoginAgainWithAMessage() {
		// Given a caller
		String caller = this.world.caller(this.world.tenant());
		PortalSession session = new PortalSession(this.port);
		session.get("/login");

		// When they sign in with a wrong password
		HttpResponse<String> login = session.post("/login", Map.of("username", caller, "password", "wrong"));

		// Then they are sent back to the login, which says why
		assertThat(login.headers().firstValue("Location"))
			.hasValueSatisfying(location -> assertThat(location).endsWith("/login?error"));
		assertThat(session.get("/login?error").body()).contains("Unknown user name or wrong password");
	}

	@Test
	void formsWithoutTheCsrfTokenAreRefused() {
		// Given a signed-in caller with an incident
		String tenant = this.world.tenant();
		String caller = this.world.caller(tenant);
		Incident incident = report(tenant, caller, "CSRF check");
		PortalSession session = PortalSession.signedIn(this.port, caller, PortalWorld.password(caller));

		// When a form arrives without the token, as from another site
		HttpResponse<String> forged = session.postWithoutToken("/portal/incidents/" + incident.number() + "/comments",
				Map.of("body", "forged"));

		// Then it is refused with the portal's page, and nothing is written
		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(forged.body()).contains("That was refused");
		assertThat(this.records.timeline(incident.number(), true)).extracting(Activity::body).doesNotContain("forged");

		// While with the token it is taken
		session.get("/portal/incidents/" + incident.number());
		HttpResponse<String> comment = session.post("/portal/incidents/" + incident.number() + "/comments",
				Map.of("body", "genuine"));
		assertThat(comment.statusCode()).isEqualTo(302);
		assertThat(this.records.timeline(incident.number(), false)).extracting(Activity::body).contains("genuine");
	}

	@Test
	void formsThatABrowserSaysComeFromAnotherSiteAreRefusedEvenWithTheToken() {
		// Given a signed-in caller with an incident, on its page with the form's token
		String tenant = this.world.tenant();
		String caller = this.world.caller(tenant);
		Incident incident = report(tenant, caller, "Origin check");
		PortalSession session = PortalSession.signedIn(this.port, caller, PortalWorld.password(caller));
		String comments = "/portal/incidents/" + incident.number() + "/comments";
		session.get("/portal/incidents/" + incident.number());

		// When the browser says a page of another site sends the form
		HttpResponse<String> foreignOrigin = session.post(comments, Map.of("body", "from evil"), "Origin",
				"https://evil.example");
		HttpResponse<String> sibling = session.post(comments, Map.of("body", "from a sibling"), "Sec-Fetch-Site",
				"same-site");

		// Then both are refused with the portal's page, and nothing is written
		assertThat(foreignOrigin.statusCode()).isEqualTo(403);
		assertThat(foreignOrigin.body()).contains("That was refused");
		assertThat(sibling.statusCode()).isEqualTo(403);
		assertThat(this.records.timeline(incident.number(), true)).extracting(Activity::body)
			.doesNotContain("from evil", "from a sibling");

		// While the portal's own page is heard
		HttpResponse<String> own = session.post(comments, Map.of("body", "from the portal"), "Origin", session.origin(),
				"Sec-Fetch-Site", "same-origin");
		assertThat(own.statusCode()).isEqualTo(302);
		assertThat(this.records.timeline(incident.number(), false)).extracting(Activity::body)
			.contains("from the portal");
	}

	@Test
	void pagesCarryTheSecurityHeaders() {
		HttpResponse<String> login = new PortalSession(this.port).get("/login");

		assertThat(login.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
				csp -> assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'"));
		assertThat(login.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(login.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
	}

	@Test
	void theLanguageDefaultsFromTheBrowser() {
		PortalSession session = new PortalSession(this.port);

		assertThat(session.get("/login", "Accept-Language", "id-ID,id;q=0.9,en;q=0.5").body())
			.contains("<html lang=\"id\"")
			.contains("Kata sandi");
		assertThat(session.get("/login", "Accept-Language", "fr-FR,fr;q=0.9").body()).contains("<html lang=\"en\"")
			.contains("Password");
		assertThat(session.get("/login", "Accept-Language", "nonsense;;q=x").body()).contains("<html lang=\"en\"");
	}

	@Test
	void badInputShowsTheFormAgainWithAMessageInTheReadersLanguage() {
		// Given a signed-in caller reading in Indonesian
		String tenant = this.world.tenant();
		String caller = this.world.caller(tenant);
		PortalSession session = PortalSession.signedIn(this.port, caller, PortalWorld.password(caller));
		session.get("/portal/incidents/new?lang=id");

		// When they send a report without a summary and with a made-up impact
		HttpResponse<String> report = session.post("/portal/incidents/new",
				Map.of("summary", " ", "category", "other", "impact", "HUGE", "urgency", "LOW"));

		// Then the form is back with what to correct, and nothing is reported
		assertThat(report.statusCode()).isEqualTo(400);
		assertThat(report.body()).contains("Mohon tulis ringkasan.").contains("Pilih dampak dari daftar.");
		assertThat(this.jdbc.sql("select count(*) from incident where caller_id = :caller")
			.param("caller", caller)
			.query(Long.class)
			.single()).isZero();

		// And nonsense in addresses is a friendly 4xx page, never a 500
		assertThat(session.get("/portal/incidents?page=abc").statusCode()).isEqualTo(400);
		assertThat(session.get("/portal/incidents/INC0000000").statusCode()).isEqualTo(404);
		assertThat(session.get("/portal/no-such-page").statusCode()).isEqualTo(404);
		assertThat(session.get("/portal/knowledge/KB-NOPE").statusCode()).isEqualTo(404);
		assertThat(session.get("/portal/incidents/INC0000000/attachments/x").statusCode()).isEqualTo(400);
	}

	@Test
	void aCallerAttachesAPictureAndDownloadsItSafely() {
		// Given a signed-in caller on their incident
		String tenant = this.world.tenant();
		String caller = this.world.caller(tenant);
		Incident incident = report(tenant, caller, "Attachment check");
		PortalSession session = PortalSession.signedIn(this.port, caller, PortalWorld.password(caller));
		session.get("/portal/incidents/" + incident.number());

		// When they upload a PNG under a name with a path and markup in it
		HttpResponse<String> upload = session.upload("/portal/incidents/" + incident.number() + "/attachments",
				"C:\\Users\\me\\shot <1>.png", PNG);

		// Then it is attached, on the timeline, under a safe name
		assertThat(upload.statusCode()).isEqualTo(302);
		long id = this.jdbc.sql("select id from incident_attachment where incident_id = :incident")
			.param("incident", incident.id())
			.query(Long.class)
			.single();
		String page = session.get("/portal/incidents/" + incident.number()).body();
		assertThat(page).contains("shot _1_.png").contains("Attachment added: shot _1_.png");

		// And it downloads as an attachment that the browser must not sniff
		HttpResponse<byte[]> download = session
			.download("/portal/incidents/" + incident.number() + "/attachments/" + id);
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.body()).isEqualTo(PNG);
		assertThat(download.headers().firstValue("Content-Type")).hasValue("image/png");
		assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(
				disposition -> assertThat(disposition).startsWith("attachment;").contains("shot%20_1_.png"));
		assertThat(download.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
	}

	@Test
	void theServicesTimelineEntriesAreShownInTheReadersLanguageWhileTheApiKeepsThem() {
		// Given a caller's incident with an upload, a resolution (notes with braces
		// and quotes) that the caller rejected, and a comment of theirs that looks
		// like an upload
		String tenant = this.world.tenant();
		String caller = this.world.caller(tenant);
		Incident incident = report(tenant, caller, "Printer jams");
		PortalSession session = PortalSession.signedIn(this.port, caller, PortalWorld.password(caller));
		session.get("/portal/incidents/" + incident.number());
		session.upload("/portal/incidents/" + incident.number() + "/attachments", "jam.log",
				"ERROR paper jam\n".getBytes(StandardCharsets.UTF_8));
		Task triage = this.tasks.createTaskQuery()
			.processInstanceBusinessKey(incident.number())
			.taskDefinitionKey(Element.TASK_TRIAGE_INCIDENT)
			.singleResult();
		this.tasks.complete(triage.getId(),
				Variables.putValue(Var.TRIAGE_DECISION, "RESOLVE")
					.putValue(Var.RESOLUTION_CODE, "SOLVED_PERMANENTLY")
					.putValue(Var.RESOLUTION_NOTES, "Roller {0} replaced, it's 'new'"));
		session.get("/portal/incidents/" + incident.number());
		session.post("/portal/incidents/" + incident.number() + "/resolution",
				Map.of("accepted", "false", "reason", "Masih macet"));
		session.post("/portal/incidents/" + incident.number() + "/comments",
				Map.of("body", "Attachment added: invoice.png (1 KB)."));

		// When they read it in Indonesian
		String page = session.get("/portal/incidents/" + incident.number() + "?lang=id").body();

		// Then the service's entries are in Indonesian, with the entry's own words as
		// written, and the caller's comment stays as they wrote it
		assertThat(page)
			.contains("Insiden dilaporkan melalui portal.", "Lampiran ditambahkan: jam.log (16 B).",
					"Diselesaikan (diatasi secara permanen): Roller {0} replaced, it&#39;s &#39;new&#39;",
					"Pelapor menolak penyelesaian: Masih macet", "Status: Terselesaikan \u2192 Sedang dikerjakan",
					"Attachment added: invoice.png (1 KB).")
			.doesNotContain("Incident reported through", "Resolved (", "The caller rejected");

		// And the API still returns what the service wrote
		var api = new TestRestTemplate().withBasicAuth(caller, PortalWorld.password(caller));
		String timeline = api.getForObject(
				"http://localhost:" + this.port + "/api/v1/incidents/" + incident.number() + "/timeline", String.class);
		assertThat(timeline).contains("Incident reported through portal.", "Attachment added: jam.log (16 B).",
				"Resolved (SOLVED_PERMANENTLY): Roller {0} replaced, it's 'new'",
				"The caller rejected the resolution: Masih macet");
	}

	@Test
	void refusesFilesWhoseContentIsNotAnAllowedTypeWhateverTheirName() {
		// Given a signed-in caller on their incident
		String tenant = this.world.tenant();
		String caller = this.world.caller(tenant);
		Incident incident = report(tenant, caller, "Disguised file");
		PortalSession session = PortalSession.signedIn(this.port, caller, PortalWorld.password(caller));
		session.get("/portal/incidents/" + incident.number());

		// When they upload a web page named like a text file, and an empty file
		HttpResponse<String> html = session.upload("/portal/incidents/" + incident.number() + "/attachments",
				"notes.txt", "<html><body><script>alert(1)</script></body></html>".getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> empty = session.upload("/portal/incidents/" + incident.number() + "/attachments",
				"empty.txt", new byte[0]);

		// Then both are refused with a message, and nothing is stored
		assertThat(html.statusCode()).isEqualTo(415);
		assertThat(html.body()).contains("This type of file cannot be attached");
		assertThat(empty.statusCode()).isEqualTo(400);
		assertThat(empty.body()).contains("Please choose a file that is not empty");
		assertThat(attachmentsStored(incident)).isZero();
	}

	@Test
	void anUploadOverTheLimitGetsAFriendlyPage() {
		// Given a signed-in caller on their incident
		String tenant = this.world.tenant();
		String caller = this.world.caller(tenant);
		Incident incident = report(tenant, caller, "Large file");
		PortalSession session = PortalSession.signedIn(this.port, caller, PortalWorld.password(caller));
		session.get("/portal/incidents/" + incident.number());
		byte[] large = new byte[10 * 1024 * 1024 + 1];
		Arrays.fill(large, (byte) 'a');

		// When they upload a file one byte over 10 MB
		HttpResponse<String> upload = session.upload("/portal/incidents/" + incident.number() + "/attachments",
				"big.txt", large);

		// Then the portal says it is too large, and stores nothing
		assertThat(upload.statusCode()).isEqualTo(413);
		assertThat(upload.body()).contains("The file is too large");
		assertThat(attachmentsStored(incident)).isZero();
	}

	@Test
	void staffGetAttachmentsThroughTheApiOnlyForTenantsTheyServe() {
		// Given a caller's incident with an attachment, an agent of the tenant and
		// one of another
		String tenant = this.world.tenant();
		String caller = this.world.caller(tenant);
		Incident incident = report(tenant, caller, "API attachment");
		PortalSession session = PortalSession.signedIn(this.port, caller, PortalWorld.password(caller));
		session.get("/portal/incidents/" + incident.number());
		session.upload("/portal/incidents/" + incident.number() + "/attachments", "error.log",
				"ERROR disk full\n".getBytes(StandardCharsets.UTF_8));
		String agent = this.world.agent(tenant);
		String stranger = this.world.agent(this.world.tenant());

		// When the agent lists and downloads it through the API
		var api = new TestRestTemplate().withBasicAuth(agent, PortalWorld.password(agent));
		String base = "http://localhost:" + this.port + "/api/v1/incidents/" + incident.number() + "/attachments";
		var list = api.getForEntity(base, String.class);

		// Then they get it, typed from its content
		assertThat(list.getStatusCode().value()).isEqualTo(200);
		assertThat(list.getBody()).contains("\"fileName\":\"error.log\"").contains("\"contentType\":\"text/x-log\"");
		long id = this.jdbc.sql("select id from incident_attachment where incident_id = :incident")
			.param("incident", incident.id())
			.query(Long.class)
			.single();
		var file = api.getForEntity(base + "/" + id, byte[].class);
		assertThat(file.getStatusCode().value()).isEqualTo(200);
		assertThat(new String(file.getBody(), StandardCharsets.UTF_8)).isEqualTo("ERROR disk full\n");
		assertThat(file.getHeaders().getContentDisposition().isAttachment()).isTrue();

		// While an agent of another tenant finds neither
		var other = new TestRestTemplate().withBasicAuth(stranger, PortalWorld.password(stranger));
		assertThat(other.getForEntity(base, String.class).getStatusCode().value()).isEqualTo(404);
		assertThat(other.getForEntity(base + "/" + id, String.class).getStatusCode().value()).isEqualTo(404);
	}

	private Incident report(String tenant, String caller, String summary) {
		return this.incidents
			.report(TestReports.report(summary).by(tenant, caller).description(null).category("other").build());
	}

	private long attachmentsStored(Incident incident) {
		return this.jdbc.sql("select count(*) from incident_attachment where incident_id = :incident")
			.param("incident", incident.id())
			.query(Long.class)
			.single();
	}

}

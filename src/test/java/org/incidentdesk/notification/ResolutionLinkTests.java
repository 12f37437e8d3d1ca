package org.incidentdesk.notification;

import org.incidentdesk.BothDatabases;
import java.time.Duration;
import java.util.Date;
import java.util.List;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.TestMailServer;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentRecords;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.IncidentState;
import org.incidentdesk.system.EngineClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.incidentdesk.notification.ResolutionLinkSteps.single;
import static org.incidentdesk.notification.ResolutionLinkSteps.tag;

/**
 * The confirm and reject links of the resolution mail, end to end: the mail arrives at
 * GreenMail with the links, and the page behind them is used over real HTTP without
 * signing in. Own application context (a mail server is configured), closed afterwards.
 * The scenarios marked {@link BothDatabases} run on PostgreSQL too: the V10 table, the
 * lookup by token hash, the conditional update that uses a link up once, and the
 * supersession by a new resolution.
 */
@IncidentDeskTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ResolutionLinkTests {

	private static final int SMTP_PORT = TestMailServer.freePort();

	private static final String PUBLIC_URL = TestMailServer.PUBLIC_URL;

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));

	@DynamicPropertySource
	static void mailServer(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> SMTP_PORT);
		registry.add("incident-desk.mail.poll-interval", () -> "PT24H");
		registry.add("incident-desk.public-url", () -> PUBLIC_URL + "/");
	}

	@Autowired
	MailDelivery delivery;

	@Autowired
	IncidentService incidents;

	@Autowired
	IncidentRecords records;

	@Autowired
	TaskService tasks;

	@Autowired
	IdentityService identity;

	@Autowired
	EngineClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestRestTemplate http;

	ResolutionLinkSteps steps;

	@BeforeEach
	void steps() {
		this.steps = new ResolutionLinkSteps(greenMail, PUBLIC_URL, this.delivery, this.incidents, this.records,
				this.tasks, this.http);
	}

	@AfterEach
	void realTime() {
		ClockUtil.reset();
	}

	@Test
	void theResolutionMailHasConfirmAndRejectLinksAndOpeningThemChangesNothing() throws Exception {
		// Given alice's incident is resolved and the mail is delivered
		Incident incident = this.steps.resolved(this.steps.report("alice", "acme", "Outlook crashes " + tag()),
				"Repaired the profile.");

		// When she opens the confirm link without signing in
		String body = GreenMailUtil.getBody(this.steps.resolutionMail(incident, "alice@acme.example"));
		String confirm = this.steps.link(body, "confirm");
		String reject = this.steps.link(body, "reject");
		assertThat(confirm).isEqualTo(reject);
		ResponseEntity<String> page = this.http.getForEntity(confirm + "?answer=confirm", String.class);

		// Then the page shows the incident and the question, in English, and keeps the
		// token to itself
		assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(page.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
		assertThat(page.getHeaders().getFirst("Referrer-Policy")).isEqualTo("no-referrer");
		assertThat(page.getBody()).contains("lang=\"en\"", incident.number(), incident.summary(),
				"Repaired the profile.", "Is your problem solved?", "Yes, it is solved", "No, it is not solved");
		assertThat(body).contains("Each link below works once, until");

		// And nothing changed, however often the link is fetched (mail scanners)
		this.http.getForEntity(confirm + "?answer=reject", String.class);
		assertThat(this.records.get(incident.number()).state()).isEqualTo(IncidentState.RESOLVED);
		assertThat(this.http.getForEntity(confirm, String.class).getStatusCode()).isEqualTo(HttpStatus.OK);

		// And only the token's hash is stored
		String token = confirm.substring(confirm.lastIndexOf('/') + 1);
		assertThat(this.jdbc.sql("select token_hash from resolution_link where incident_id = :id")
			.param("id", incident.id())
			.query(String.class)
			.list()).containsExactly(ResolutionLinks.hash(token)).doesNotContain(token);
	}

	@Test
	void confirmingThroughTheLinkClosesTheIncidentAsTheCallerAndTheLinkWorksOnlyOnce() throws Exception {
		// Given a resolution mail with its link
		Incident incident = this.steps.resolved(this.steps.report("alice", "acme", "Docking station dead " + tag()),
				"New dock.");
		String link = this.steps.linkInResolutionMail(incident, "alice@acme.example", "confirm");

		// When alice confirms
		ResponseEntity<String> answered = this.steps.post(link, "confirm", null);

		// Then the incident is closed as confirmed by her, and the page thanks her
		assertThat(answered.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(answered.getBody()).contains("You confirmed the resolution of incident " + incident.number());
		Incident closed = this.records.get(incident.number());
		assertThat(closed.state()).isEqualTo(IncidentState.CLOSED);
		assertThat(closed.closureCode()).isEqualTo("CONFIRMED_BY_CALLER");
		assertThat(this.records.timeline(incident.number(), true)).anySatisfy(entry -> {
			assertThat(entry.field()).isEqualTo("state");
			assertThat(entry.newValue()).isEqualTo("CLOSED");
			assertThat(entry.author()).isEqualTo("alice");
		});

		// And the link is used up, for a second answer and for the page alike
		ResponseEntity<String> again = this.steps.post(link, "reject", "Changed my mind");
		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.GONE);
		assertThat(again.getBody()).contains("This link has already been used.");
		assertThat(this.http.getForEntity(link, String.class).getStatusCode()).isEqualTo(HttpStatus.GONE);
		assertThat(this.records.get(incident.number()).state()).isEqualTo(IncidentState.CLOSED);
	}

	@Test
	void rejectingNeedsAReasonAndReopensTheIncident() throws Exception {
		// Given a resolution mail with its link
		Incident incident = this.steps.resolved(this.steps.report("bob", "acme", "Wi-Fi drops " + tag()),
				"Moved the access point.");
		String link = this.steps.linkInResolutionMail(incident, "bob@acme.example", "reject");

		// When bob rejects without a reason
		ResponseEntity<String> refused = this.steps.post(link, "reject", "  ");

		// Then he is asked for one, and nothing changed: the link still works
		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(refused.getBody()).contains("Please say why the problem is not solved.");
		assertThat(this.records.get(incident.number()).state()).isEqualTo(IncidentState.RESOLVED);

		// When he rejects with a reason (markup and all)
		String reason = "Still drops <b>every</b> hour " + tag();
		ResponseEntity<String> answered = this.steps.post(link, "reject", reason);

		// Then the incident is reopened with his reason, and he is told so by mail
		assertThat(answered.getStatusCode()).isEqualTo(HttpStatus.OK);
		Incident reopened = this.records.get(incident.number());
		assertThat(reopened.state()).isEqualTo(IncidentState.IN_PROGRESS);
		assertThat(reopened.reopenCount()).isEqualTo(1);
		assertThat(this.records.timeline(incident.number(), false))
			.anySatisfy(entry -> assertThat(entry.body()).isEqualTo("The caller rejected the resolution: " + reason));
		this.delivery.deliverDue();
		MimeMessage mail = single(this.steps.mails(incident, "bob@acme.example", "Your incident was reopened"));
		assertThat(GreenMailUtil.getBody(mail)).contains("You rejected the resolution of incident " + incident.number(),
				reason);
	}

	@Test
	void anExpiredLinkIsRefusedWhenTheIncidentWouldHaveClosedByItself() throws Exception {
		// Given a resolution mail with its link
		Incident incident = this.steps.resolved(this.steps.report("alice", "acme", "Monitor flickers " + tag()),
				"New cable.");
		String link = this.steps.linkInResolutionMail(incident, "alice@acme.example", "confirm");

		// When the auto-close period (P3D) has passed
		ClockUtil.setCurrentTime(Date.from(this.clock.now().plus(Duration.ofDays(3)).plusSeconds(1)));

		// Then the link opens nothing, for the page and for the answer
		ResponseEntity<String> page = this.http.getForEntity(link, String.class);
		assertThat(page.getStatusCode()).isEqualTo(HttpStatus.GONE);
		assertThat(page.getBody()).contains("This link has expired.");
		assertThat(this.steps.post(link, "confirm", null).getStatusCode()).isEqualTo(HttpStatus.GONE);
		assertThat(this.records.get(incident.number()).state()).isEqualTo(IncidentState.RESOLVED);
	}

	@Test
	void aNewResolutionSupersedesTheLinksOfTheEarlierOne() throws Exception {
		// Given a resolution that alice rejected in the portal, and a second resolution
		Incident incident = this.steps.resolved(this.steps.report("alice", "acme", "Printer jams " + tag()),
				"Cleaned the rollers.");
		String first = this.steps.linkInResolutionMail(incident, "alice@acme.example", "confirm");
		this.steps.asCaller("alice",
				() -> this.incidents.answerResolution(incident.number(), "alice", false, "Still jams."));
		this.steps.resolved(incident, "Replaced the rollers.");
		List<MimeMessage> resolutionMails = this.steps.mails(incident, "alice@acme.example",
				"Your incident was resolved");
		assertThat(resolutionMails).hasSize(2);
		String second = this.steps.link(GreenMailUtil.getBody(resolutionMails.get(1)), "confirm");

		// When she opens the first link
		ResponseEntity<String> old = this.http.getForEntity(first, String.class);

		// Then it is superseded, and the second one works
		assertThat(old.getStatusCode()).isEqualTo(HttpStatus.GONE);
		assertThat(old.getBody()).contains("This link belongs to an earlier resolution");
		assertThat(this.steps.post(first, "confirm", null).getStatusCode()).isEqualTo(HttpStatus.GONE);
		assertThat(this.steps.post(second, "confirm", null).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(this.records.get(incident.number()).state()).isEqualTo(IncidentState.CLOSED);
	}

	@Test
	void aLinkOfAnAnsweredResolutionIsRefused() throws Exception {
		// Given alice confirmed through the API after the mail went out
		Incident incident = this.steps.resolved(this.steps.report("alice", "acme", "Phone no dial tone " + tag()),
				"Re-patched.");
		String link = this.steps.linkInResolutionMail(incident, "alice@acme.example", "confirm");
		this.steps.asCaller("alice", () -> this.incidents.answerResolution(incident.number(), "alice", true, null));

		// Then the link says the incident no longer waits
		ResponseEntity<String> page = this.http.getForEntity(link, String.class);
		assertThat(page.getStatusCode()).isEqualTo(HttpStatus.GONE);
		assertThat(page.getBody()).contains("no longer waits for your answer");
	}

	@Test
	void unknownAndGarbageTokensGetANotFoundPage() {
		// When tokens that were never issued are used
		String wellFormed = "/links/resolution/" + "A".repeat(43);
		List<String> tokens = List.of(wellFormed, "/links/resolution/garbage", "/links/resolution/<script>");

		// Then each gets the page saying so, with 404, and no sign-in is asked
		for (String path : tokens) {
			ResponseEntity<String> page = this.http.getForEntity(path, String.class);
			assertThat(page.getStatusCode()).as(path).isEqualTo(HttpStatus.NOT_FOUND);
			assertThat(page.getBody()).as(path).contains("This link is not known.").doesNotContain("<script>");
		}
		assertThat(this.steps.post(wellFormed, "confirm", null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void anIndonesianCallerGetsThePageInIndonesianWithTheSummaryEscaped() throws Exception {
		// Given citra reads Indonesian and her incident, with markup in its
		// summary, is resolved
		this.identity.setUserInfo("citra", MailRecipients.LOCALE_KEY, "id");
		try {
			String summary = "<script>alert(1)</script> struk " + tag();
			Incident incident = this.steps.resolved(this.steps.report("citra", "globex", summary), "Printer diganti.");
			MimeMessage mail = this.steps.resolutionMail(incident, "citra@globex.example");
			String body = GreenMailUtil.getBody(mail);
			assertThat(body).contains("Ya, sudah teratasi (konfirmasi):", "Tidak, belum teratasi (tolak):");

			// When she opens the link
			ResponseEntity<String> page = this.http.getForEntity(this.steps.link(body, "reject") + "?answer=reject",
					String.class);

			// Then the page is in Indonesian and shows the summary as text
			assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
			assertThat(page.getBody())
				.contains("lang=\"id\"", "Apakah masalah Anda sudah teratasi?",
						"&lt;script&gt;alert(1)&lt;/script&gt; struk")
				.doesNotContain("<script>alert(1)</script>");
		}
		finally {
			this.identity.deleteUserInfo("citra", MailRecipients.LOCALE_KEY);
		}
	}

	@BothDatabases
	@Test
	void aLinkShowsTheQuestionConfirmsOnceAndIsThenGone() throws Exception {
		// Given alice's resolved incident and the link in her resolution mail
		Incident incident = this.steps.resolved(this.steps.report("alice", "acme", "Scanner offline " + tag()),
				"Reinstalled the driver.");
		String link = this.steps.linkInResolutionMail(incident, "alice@acme.example", "confirm");

		// When she opens it, then she sees the question and nothing changes
		ResponseEntity<String> page = this.http.getForEntity(link + "?answer=confirm", String.class);
		assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(page.getBody()).contains(incident.number(), "Reinstalled the driver.", "Is your problem solved?");
		assertThat(this.records.get(incident.number()).state()).isEqualTo(IncidentState.RESOLVED);
		assertThat(this.jdbc.sql("select count(*) from resolution_link where incident_id = :id and used_at is null")
			.param("id", incident.id())
			.query(Long.class)
			.single()).isEqualTo(1);

		// When she confirms
		ResponseEntity<String> answered = this.steps.post(link, "confirm", null);

		// Then the incident is closed as confirmed, and the link is used up
		assertThat(answered.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(answered.getBody()).contains("You confirmed the resolution of incident " + incident.number());
		Incident closed = this.records.get(incident.number());
		assertThat(closed.state()).isEqualTo(IncidentState.CLOSED);
		assertThat(closed.closureCode()).isEqualTo("CONFIRMED_BY_CALLER");
		assertThat(this.jdbc.sql("select count(*) from resolution_link where incident_id = :id and used_at is not null")
			.param("id", incident.id())
			.query(Long.class)
			.single()).isEqualTo(1);

		// And a second use answers 410, for the answer and the page alike
		ResponseEntity<String> again = this.steps.post(link, "reject", "Changed my mind");
		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.GONE);
		assertThat(again.getBody()).contains("This link has already been used.");
		assertThat(this.http.getForEntity(link, String.class).getStatusCode()).isEqualTo(HttpStatus.GONE);
		assertThat(this.records.get(incident.number()).state()).isEqualTo(IncidentState.CLOSED);
	}

	@BothDatabases
	@Test
	void aNewResolutionSupersedesTheEarlierLink() throws Exception {
		// Given a resolution that alice rejected in the portal, and a second resolution
		Incident incident = this.steps.resolved(this.steps.report("alice", "acme", "Headset crackles " + tag()),
				"New cable.");
		String first = this.steps.linkInResolutionMail(incident, "alice@acme.example", "confirm");
		this.steps.asCaller("alice", () -> this.incidents.answerResolution(incident.number(), incident.callerId(),
				false, "Still crackles."));
		this.steps.resolved(incident, "New headset.");
		var resolutionMails = this.steps.mails(incident, "alice@acme.example", "Your incident was resolved");
		assertThat(resolutionMails).hasSize(2);
		String second = this.steps.link(GreenMailUtil.getBody(resolutionMails.get(1)), "confirm");

		// When she opens the first link again
		ResponseEntity<String> old = this.http.getForEntity(first, String.class);

		// Then it is superseded, and the second one works
		assertThat(old.getStatusCode()).isEqualTo(HttpStatus.GONE);
		assertThat(old.getBody()).contains("This link belongs to an earlier resolution");
		assertThat(this.steps.post(first, "confirm", null).getStatusCode()).isEqualTo(HttpStatus.GONE);
		assertThat(this.jdbc
			.sql("select count(*) from resolution_link where incident_id = :id"
					+ " and resolution_round = 0 and superseded_at is not null")
			.param("id", incident.id())
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(this.steps.post(second, "confirm", null).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(this.records.get(incident.number()).state()).isEqualTo(IncidentState.CLOSED);
	}

}

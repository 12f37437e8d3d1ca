package org.incidentdesk.notification;

import org.incidentdesk.BothDatabases;
import org.incidentdesk.TestReports;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.incident.Activity;
import org.incidentdesk.incident.ActivityKind;
import org.incidentdesk.incident.Channel;
import org.incidentdesk.incident.HandoverKind;
import org.incidentdesk.incident.HoldReason;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentRecords;
import org.incidentdesk.incident.process.Escalations;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.Level;
import org.incidentdesk.incident.ReportIncident;
import org.incidentdesk.incident.process.IncidentProcess.Element;
import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.incidentdesk.system.EngineClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Notification mail end to end: the whole application (H2, demo world) sends to a
 * GreenMail SMTP server. This class has its own application context (a mail server is
 * configured), which is closed afterwards so that its delivery stops with it. The
 * scheduled run is pushed out of reach; the tests run the delivery themselves. The
 * database is shared with other test classes, so every assertion looks only at the mail
 * and rows of the incident it reported. The scenarios marked {@link BothDatabases} run on
 * PostgreSQL too, for the outbox queries and the claim when two deliveries run at once.
 */
@IncidentDeskTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class MailDeliveryTests {

	private static final int SMTP_PORT = freePort();

	/**
	 * A port of its own rather than GreenMail's 3025, and the same one after a restart.
	 */
	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));

	@DynamicPropertySource
	static void mailServer(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> SMTP_PORT);
		registry.add("incident-desk.mail.poll-interval", () -> "PT24H");
		registry.add("incident-desk.mail.max-attempts", () -> 3);
		registry.add("incident-desk.mail.initial-backoff", () -> "PT1M");
		registry.add("incident-desk.mail.max-backoff", () -> "PT10M");
	}

	@Autowired
	MailDelivery delivery;

	@Autowired
	NotificationOutbox outbox;

	@Autowired
	IncidentService incidents;

	@Autowired
	IncidentRecords records;

	@Autowired
	Escalations escalations;

	@Autowired
	Notifications notifications;

	@Autowired
	IdentityService identity;

	@Autowired
	EngineClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestRestTemplate http;

	@Autowired
	TaskService tasks;

	@AfterEach
	void realTime() {
		ClockUtil.reset();
	}

	@Test
	void theCallerGetsAnEnglishMailWhenTheIncidentIsRegistered() throws Exception {
		// Given alice reports an incident
		Incident incident = report("alice", "acme", "Laptop does not start " + tag());

		// When the outbox is delivered
		this.delivery.deliverDue();

		// Then alice has one English mail with the number, as plain text
		MimeMessage mail = single(mailsAbout(incident, "alice@acme.example"));
		assertThat(mail.getSubject())
			.isEqualTo("[" + incident.number() + "] Your incident was registered: " + incident.summary());
		assertThat(mail.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
		assertThat(GreenMailUtil.getBody(mail)).contains("Hello Alice Anders,",
				"Your incident was registered with the number " + incident.number(), "Summary: " + incident.summary());
		assertThat(mail.getFrom()[0].toString()).contains("noreply@incidentdesk.example");

		// And the timeline says so, internally, and the row is sent
		assertThat(notificationTimeline(incident)).anySatisfy(entry -> {
			assertThat(entry.visibility()).isEqualTo(Activity.Visibility.INTERNAL);
			assertThat(entry.body()).startsWith("Mail sent to user:alice <alice@acme.example>: [" + incident.number());
		});
		assertThat(rows(incident, "alice")).singleElement()
			.satisfies(row -> assertThat(row).containsEntry("STATUS", "SENT").containsEntry("ATTEMPTS", 1));
	}

	@Test
	void aCallerWhoReadsIndonesianGetsTheMailInIndonesian() throws Exception {
		// Given citra's language is Indonesian
		this.identity.setUserInfo("citra", MailRecipients.LOCALE_KEY, "id");
		try {
			// When citra reports an incident and the outbox is delivered
			Incident incident = report("citra", "globex", "Kasir tidak bisa mencetak struk " + tag());
			this.delivery.deliverDue();

			// Then her mail is in Bahasa Indonesia
			MimeMessage mail = single(mailsAbout(incident, "citra@globex.example"));
			assertThat(mail.getSubject())
				.isEqualTo("[" + incident.number() + "] Insiden Anda telah terdaftar: " + incident.summary());
			assertThat(GreenMailUtil.getBody(mail)).contains("Halo Citra Lestari,",
					"Insiden Anda telah terdaftar dengan nomor " + incident.number(),
					"Ringkasan: " + incident.summary());
		}
		finally {
			this.identity.deleteUserInfo("citra", MailRecipients.LOCALE_KEY);
		}
	}

	@Test
	void aHandOverReachesEveryMemberOfTheGroupsOnce() throws Exception {
		// Given an incident handed over from the service desk to infrastructure support
		Incident incident = report("alice", "acme", "Server room too warm " + tag());
		this.escalations.handOver(incident.number(), "support-infrastructure", HandoverKind.ESCALATION, null);

		// When the outbox is delivered twice
		this.delivery.deliverDue();
		this.delivery.deliverDue();

		// Then the new group's member and every service desk member have one mail each
		assertThat(subjects(mailsAbout(incident, "ivan@incidentdesk.example")))
			.containsExactly("[" + incident.number() + "] Incident assigned to your group: " + incident.summary());
		for (String member : this.recipients("service-desk")) {
			assertThat(subjects(mailsAbout(incident, member + "@incidentdesk.example"))).as(member)
				.containsExactly("[" + incident.number() + "] Incident handed over: " + incident.summary());
		}
		assertThat(GreenMailUtil.getBody(single(mailsAbout(incident, "ivan@incidentdesk.example"))))
			.contains("was assigned to your group support-infrastructure.", "Assignment group: support-infrastructure");

		// And the group notification says whom it went to
		assertThat(this.jdbc.sql("""
				select delivery_note from notification
				where incident_id = :id and recipient_type = 'GROUP' and recipient = 'service-desk'""")
			.param("id", incident.id())
			.query(String.class)
			.single()).isEqualTo("sent to each member: " + String.join(", ", recipients("service-desk")));
	}

	@Test
	void aMemberWithoutAnAddressIsSkippedWithANoteAndNotRetried() throws Exception {
		// Given a group with one member who has an address and one who has none
		String group = "mail-test-" + tag();
		this.identity.saveGroup(this.identity.newGroup(group));
		User withAddress = user("mt-a-" + tag(), "mt-a@incidentdesk.example");
		User withoutAddress = user("mt-b-" + tag(), null);
		this.identity.createMembership(withAddress.getId(), group);
		this.identity.createMembership(withoutAddress.getId(), group);
		try {
			Incident incident = report("alice", "acme", "Core switch down " + tag());
			this.notifications.notifyGroup(incident, NotificationKind.MAJOR_INCIDENT, group);

			// When the outbox is delivered
			this.delivery.deliverDue();

			// Then the member with an address has the mail, and the other is done
			// with a note
			assertThat(mailsAbout(incident, "mt-a@incidentdesk.example")).hasSize(1);
			assertThat(rows(incident, withoutAddress.getId())).singleElement()
				.satisfies(row -> assertThat(row).containsEntry("STATUS", "SENT")
					.containsEntry("DELIVERY_NOTE", MailDelivery.NO_ADDRESS));
			assertThat(notificationTimeline(incident)).anySatisfy(entry -> assertThat(entry.body())
				.isEqualTo("Not mailed to user:" + withoutAddress.getId() + ": the user has no e-mail address."));
		}
		finally {
			this.identity.deleteUser(withAddress.getId());
			this.identity.deleteUser(withoutAddress.getId());
			this.identity.deleteGroup(group);
		}
	}

	@Test
	void nothingIsLostWhileTheMailServerIsDownAndEverythingArrivesOnceWhenItIsBack() throws Exception {
		// Given the mail server is down
		greenMail.stop();

		// When two incidents are reported and the outbox is delivered
		Incident first = report("alice", "acme", "Printer offline " + tag());
		Incident second = report("bob", "acme", "Scanner offline " + tag());
		this.delivery.deliverDue();

		// Then their notifications wait, with the attempt and the error
		for (Incident incident : List.of(first, second)) {
			assertThat(rows(incident, incident.callerId())).singleElement().satisfies(row -> {
				assertThat(row).containsEntry("STATUS", "PENDING").containsEntry("ATTEMPTS", 1);
				assertThat((String) row.get("LAST_ERROR")).contains("Mail server connection failed");
			});
		}

		// When the server is back, nothing is sent before the back-off has passed
		greenMail.start();
		this.delivery.deliverDue();
		assertThat(mailsAbout(first, "alice@acme.example")).isEmpty();

		// But after it, each caller gets the mail exactly once
		moveClock(Duration.ofMinutes(2));
		this.delivery.deliverDue();
		this.delivery.deliverDue();
		assertThat(mailsAbout(first, "alice@acme.example")).hasSize(1);
		assertThat(mailsAbout(second, "bob@acme.example")).hasSize(1);
		assertThat(rows(first, "alice")).singleElement()
			.satisfies(row -> assertThat(row).containsEntry("STATUS", "SENT").containsEntry("ATTEMPTS", 2));
	}

	@Test
	void aNotificationIsGivenUpAfterItsAttemptsAndAnAdministratorCanRetryIt() throws Exception {
		// Given the mail server stays down for every attempt
		greenMail.stop();
		Incident incident = report("alice", "acme", "Badge reader broken " + tag());
		for (int attempt = 1; attempt <= 3; attempt++) {
			this.delivery.deliverDue();
			moveClock(Duration.ofMinutes(11));
		}

		// Then the notification failed, and the timeline says so
		long id = rows(incident, "alice").get(0).get("ID") instanceof Number n ? n.longValue() : -1;
		assertThat(rows(incident, "alice")).singleElement()
			.satisfies(row -> assertThat(row).containsEntry("STATUS", "FAILED").containsEntry("ATTEMPTS", 3));
		assertThat(notificationTimeline(incident)).anySatisfy(entry -> assertThat(entry.body())
			.startsWith("Mail to user:alice could not be delivered after 3 attempts: "));

		// And the administrator finds it in the failed list, while others may not look
		ResponseEntity<List<Map<String, Object>>> failed = this.http.withBasicAuth("demo", "demo")
			.exchange("/api/v1/notifications/failed", HttpMethod.GET, null, new ParameterizedTypeReference<>() {
			});
		assertThat(failed.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(failed.getBody()).anySatisfy(row -> {
			assertThat(row).containsEntry("id", (int) id)
				.containsEntry("incidentNumber", incident.number())
				.containsEntry("recipient", "alice")
				.containsEntry("attempts", 3);
			assertThat((String) row.get("lastError")).contains("Mail server connection failed");
		});
		ResponseEntity<Map<String, Object>> refused = this.http.withBasicAuth("sam", "demo")
			.exchange("/api/v1/notifications/failed", HttpMethod.GET, null, new ParameterizedTypeReference<>() {
			});
		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(refused.getHeaders().getContentType()).hasToString("application/problem+json");
		assertThat(this.http.withBasicAuth("sam", "demo")
			.postForEntity("/api/v1/notifications/" + id + "/retry", null, String.class)
			.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

		// When the administrator retries it with the server back
		greenMail.start();
		assertThat(this.http.withBasicAuth("demo", "demo")
			.postForEntity("/api/v1/notifications/" + id + "/retry", null, String.class)
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(rows(incident, "alice")).singleElement()
			.satisfies(row -> assertThat(row).containsEntry("STATUS", "PENDING").containsEntry("ATTEMPTS", 0));
		this.delivery.deliverDue();

		// Then it is delivered, and a second retry finds nothing to retry
		assertThat(mailsAbout(incident, "alice@acme.example")).hasSize(1);
		assertThat(this.http.withBasicAuth("demo", "demo")
			.postForEntity("/api/v1/notifications/" + id + "/retry", null, String.class)
			.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void twoNodesDeliveringAtTheSameTimeSendEachNotificationOnce() throws Exception {
		// Given a queued notification
		Incident incident = report("alice", "acme", "Keyboard missing keys " + tag());

		// When two deliveries run at the same time (the claim is in the database, as
		// across nodes)
		CountDownLatch start = new CountDownLatch(1);
		List<CompletableFuture<Integer>> runs = List.of(1, 2).stream().map(node -> CompletableFuture.supplyAsync(() -> {
			await(start);
			return this.delivery.deliverDue();
		})).toList();
		start.countDown();
		runs.forEach(CompletableFuture::join);

		// Then the caller has the mail once
		assertThat(mailsAbout(incident, "alice@acme.example")).hasSize(1);
	}

	@Test
	void aClaimKeepsOtherNodesAwayUntilItsLeaseEnds() {
		// Given a queued notification, claimed by one node
		Incident incident = report("alice", "acme", "Headset crackles " + tag());
		long id = ((Number) rows(incident, "alice").get(0).get("ID")).longValue();
		OffsetDateTime now = this.clock.nowUtc();
		assertThat(this.outbox.claim(id, now, now.plusMinutes(5))).isTrue();

		// Then no other node gets it while the lease lasts
		assertThat(this.outbox.claim(id, now, now.plusMinutes(5))).isFalse();
		assertThat(this.outbox.claim(id, now.plusMinutes(4), now.plusMinutes(9))).isFalse();

		// But if the claiming node died, another one takes it over once the lease
		// has ended
		assertThat(this.outbox.claim(id, now.plusMinutes(5), now.plusMinutes(10))).isTrue();
	}

	@Test
	void aSummaryWithMarkupArrivesAsLiteralText() throws Exception {
		// Given a summary that would be a script in HTML
		String summary = "<script>alert(1)</script> & \"quotes\" " + tag();
		Incident incident = report("alice", "acme", summary);

		// When the outbox is delivered
		this.delivery.deliverDue();

		// Then the plain-text mail carries it character for character
		MimeMessage mail = single(mailsAbout(incident, "alice@acme.example"));
		assertThat(mail.getContentType()).startsWith("text/plain");
		assertThat(mail.getSubject()).endsWith(": " + summary);
		assertThat(GreenMailUtil.getBody(mail)).contains("Summary: " + summary).doesNotContain("&lt;", "&amp;");
	}

	@Test
	void aStaffCommentReachesTheCallerWordForWordButTheCallersOwnCommentDoesNot() throws Exception {
		// Given alice's incident
		Incident incident = report("alice", "acme", "Shared drive slow " + tag());
		this.delivery.deliverDue();

		// When the service desk comments with markup, and alice comments herself
		String comment = "<script>alert(1)</script> Please restart & try again " + tag();
		this.incidents.comment(incident.number(), "sam", comment, Activity.Visibility.PUBLIC);
		this.incidents.comment(incident.number(), "alice", "Restarted, still slow.", Activity.Visibility.PUBLIC);
		this.incidents.comment(incident.number(), "sam", "Internal only " + tag(), Activity.Visibility.INTERNAL);
		this.delivery.deliverDue();

		// Then alice has exactly one update mail, with the comment as literal text
		MimeMessage mail = single(mailsWithSubject(incident, "alice@acme.example", "Your incident was updated"));
		assertThat(mail.getSubject())
			.isEqualTo("[" + incident.number() + "] Your incident was updated: " + incident.summary());
		assertThat(GreenMailUtil.getBody(mail))
			.contains("There is news about your incident " + incident.number() + ":", comment)
			.doesNotContain("&lt;", "Restarted, still slow.", "Internal only");
		assertThat(mail.getHeader("Auto-Submitted")).containsExactly("auto-generated");
	}

	@Test
	void aHoldAndItsEndAreMailedToTheCallerInTheirLanguage() throws Exception {
		// Given citra reads Indonesian
		this.identity.setUserInfo("citra", MailRecipients.LOCALE_KEY, "id");
		try {
			Incident incident = report("citra", "globex", "Mesin kasir mati " + tag());

			// When the service desk puts it on hold for the vendor and resumes it
			this.incidents.hold(incident.number(), HoldReason.AWAITING_VENDOR, "Spare part ordered.");
			this.incidents.resume(incident.number());
			this.delivery.deliverDue();

			// Then she has two update mails in Indonesian, each with its update
			List<MimeMessage> mails = mailsWithSubject(incident, "citra@globex.example",
					"Ada pembaruan pada insiden Anda");
			assertThat(mails).hasSize(2);
			assertThat(GreenMailUtil.getBody(mails.get(0))).contains("Halo Citra Lestari,",
					"Ada kabar terbaru tentang insiden Anda " + incident.number(),
					"On hold, waiting for the vendor. Spare part ordered.");
			assertThat(GreenMailUtil.getBody(mails.get(1)))
				.contains("Back in progress; no longer waiting for the vendor.");
		}
		finally {
			this.identity.deleteUserInfo("citra", MailRecipients.LOCALE_KEY);
		}
	}

	@Test
	void aQuestionOfTheServiceDeskIsMailedWithTheQuestion() throws Exception {
		// Given alice's incident
		Incident incident = report("alice", "acme", "Cannot print to A3 " + tag());

		// When triage asks her a question
		Task triage = this.tasks.createTaskQuery()
			.processInstanceBusinessKey(incident.number())
			.taskDefinitionKey(Element.TASK_TRIAGE_INCIDENT)
			.singleResult();
		this.tasks.complete(triage.getId(), Variables.putValue(Var.TRIAGE_DECISION, "REQUEST_INFO")
			.putValue(Var.CALLER_QUESTION, "Which printer <exactly>?"));
		this.delivery.deliverDue();

		// Then the mail carries the question
		MimeMessage mail = single(
				mailsWithSubject(incident, "alice@acme.example", "The service desk needs information from you"));
		assertThat(GreenMailUtil.getBody(mail)).contains("The question:", "Which printer <exactly>?",
				"Please answer in the portal.");
	}

	@BothDatabases
	@Test
	void deliversOnceWhenTwoDeliveriesRunAtTheSameTime() throws Exception {
		// Given a queued notification
		Incident incident = this.incidents
			.report(TestReports.report("Docking station dead").description(null).category("hardware").build());

		// When two deliveries run at the same time
		CountDownLatch start = new CountDownLatch(1);
		List<CompletableFuture<Integer>> runs = List.of(1, 2).stream().map(node -> CompletableFuture.supplyAsync(() -> {
			try {
				start.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return this.delivery.deliverDue();
		})).toList();
		start.countDown();
		runs.forEach(CompletableFuture::join);

		// Then alice has her mail once, and the row is sent
		assertThat(mailsTo("alice@acme.example", incident)).isEqualTo(1);
		assertThat(this.jdbc.sql("select status from notification where incident_id = :id and recipient = 'alice'")
			.param("id", incident.id())
			.query(String.class)
			.single()).isEqualTo("SENT");
	}

	@BothDatabases
	@Test
	void aClaimedNotificationIsNotDueForOthers() {
		Incident incident = this.incidents.report(TestReports.report("Phone has no dial tone")
			.by("acme", "bob")
			.description(null)
			.category("hardware")
			.build());
		long id = this.jdbc.sql("select id from notification where incident_id = :id and recipient = 'bob'")
			.param("id", incident.id())
			.query(Long.class)
			.single();
		OffsetDateTime now = this.clock.nowUtc();

		assertThat(this.outbox.due(now, 1000)).contains(id);
		assertThat(this.outbox.claim(id, now, now.plusMinutes(5))).isTrue();
		assertThat(this.outbox.claim(id, now, now.plusMinutes(5))).isFalse();
		assertThat(this.outbox.due(now, 1000)).doesNotContain(id);
		assertThat(this.outbox.due(now.plusMinutes(6), 1000)).contains(id);
	}

	private static long mailsTo(String address, Incident incident) throws MessagingException {
		long count = 0;
		for (MimeMessage mail : greenMail.getReceivedMessages()) {
			if (mail.getSubject().startsWith("[" + incident.number() + "]")
					&& mail.getAllRecipients()[0].toString().contains(address)) {
				count++;
			}
		}
		return count;
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private Incident report(String caller, String tenant, String summary) {
		return this.incidents
			.report(TestReports.report(summary).by(tenant, caller).description(null).category("hardware").build());
	}

	private User user(String id, String email) {
		User user = this.identity.newUser(id);
		user.setFirstName("Mail");
		user.setLastName("Test");
		user.setEmail(email);
		user.setPassword("secret-" + id);
		this.identity.saveUser(user);
		return user;
	}

	private List<String> recipients(String group) {
		return this.identity.createUserQuery()
			.memberOfGroup(group)
			.orderByUserId()
			.asc()
			.list()
			.stream()
			.map(User::getId)
			.toList();
	}

	/** Mails to the address whose subject names the incident. */
	private static List<MimeMessage> mailsAbout(Incident incident, String address) throws MessagingException {
		return Arrays.stream(greenMail.getReceivedMessages()).filter(mail -> {
			try {
				return mail.getSubject().startsWith("[" + incident.number() + "]")
						&& Arrays.stream(mail.getRecipients(Message.RecipientType.TO))
							.anyMatch(to -> to.toString().contains(address));
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

	private static List<MimeMessage> mailsWithSubject(Incident incident, String address, String subjectPart)
			throws MessagingException {
		List<MimeMessage> found = new ArrayList<>();
		for (MimeMessage mail : mailsAbout(incident, address)) {
			if (mail.getSubject().contains(subjectPart)) {
				found.add(mail);
			}
		}
		return found;
	}

	private static List<String> subjects(List<MimeMessage> mails) throws MessagingException {
		String[] subjects = new String[mails.size()];
		for (int i = 0; i < subjects.length; i++) {
			subjects[i] = mails.get(i).getSubject();
		}
		return List.of(subjects);
	}

	private static MimeMessage single(List<MimeMessage> mails) {
		assertThat(mails).hasSize(1);
		return mails.get(0);
	}

	private List<Map<String, Object>> rows(Incident incident, String userId) {
		return this.jdbc.sql("""
				select id, status, attempts, last_error, delivery_note, next_attempt_at from notification
				where incident_id = :id and recipient_type = 'USER' and recipient = :user order by id""")
			.param("id", incident.id())
			.param("user", userId)
			.query()
			.listOfRows();
	}

	private List<Activity> notificationTimeline(Incident incident) {
		return this.records.timeline(incident.number(), true)
			.stream()
			.filter(entry -> entry.kind() == ActivityKind.NOTIFICATION && "system".equals(entry.author())
					&& entry.newValue() == null)
			.toList();
	}

	private void moveClock(Duration by) {
		ClockUtil.setCurrentTime(Date.from(this.clock.now().plus(by)));
	}

	private static String tag() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

package org.incidentdesk.mailin;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.incidentdesk.BothDatabases;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.TestMailServer;
import org.incidentdesk.incident.Activity.Visibility;
import org.incidentdesk.incident.Channel;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentRecords;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.IncidentState;
import org.incidentdesk.notification.MailDelivery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.incidentdesk.mailin.InboundMailSteps.mail;
import static org.incidentdesk.mailin.InboundMailSteps.single;
import static org.incidentdesk.mailin.InboundMailSteps.tag;

/**
 * Inbound mail end to end: test mails are put into a GreenMail IMAP mailbox, the poller
 * is run directly, and whatever the application sends back (the "registered" mail, the
 * refusals) arrives at GreenMail's SMTP side. Own application context, closed afterwards;
 * the scheduled runs are pushed out of reach. The scenarios marked {@link BothDatabases}
 * run on PostgreSQL too: the V10 table whose primary key on the Message-ID keeps a
 * message from making two incidents, also when two nodes read the mailbox at once, the
 * sender lookup without regard to case, and a reply that becomes a comment.
 */
@IncidentDeskTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class InboundMailTests {

	private static final int SMTP_PORT = TestMailServer.freePort();

	private static final int IMAP_PORT = TestMailServer.freePort();

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(new ServerSetup[] {
			new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"), new ServerSetup(IMAP_PORT, "127.0.0.1", "imap") });

	@DynamicPropertySource
	static void mailServers(DynamicPropertyRegistry registry) {
		TestMailServer.properties(SMTP_PORT, IMAP_PORT).forEach((name, value) -> registry.add(name, () -> value));
	}

	@Autowired
	MailboxPoller poller;

	@Autowired
	MailDelivery delivery;

	@Autowired
	IncidentService incidents;

	@Autowired
	IncidentRecords records;

	@Autowired
	TaskService tasks;

	@Autowired
	RuntimeService runtime;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	IdentityService identity;

	InboundMailSteps steps;

	@BeforeEach
	void steps() {
		this.steps = new InboundMailSteps(greenMail, TestMailServer.mailboxOn(greenMail), this.incidents, this.records,
				this.tasks, this.identity, this.jdbc);
	}

	@Test
	void aNewMailFromAKnownCallerOpensAnEmailIncidentAndTheCallerGetsTheRegisteredMail() throws Exception {
		// Given alice writes to the mailbox
		String subject = "Laptop will not charge " + tag();
		this.steps.deliver(
				mail("Alice Anders <alice@acme.example>", subject, "It stopped charging this morning.\nModel X1."));

		// When the mailbox is read and the outbox delivered
		assertThat(this.poller.poll()).isEqualTo(1);
		this.delivery.deliverDue();

		// Then an incident exists for alice, by e-mail, with the text as description
		Incident incident = this.steps.incidentWithSummary(subject);
		assertThat(incident.callerId()).isEqualTo("alice");
		assertThat(incident.tenantId()).isEqualTo("acme");
		assertThat(incident.channel()).isEqualTo(Channel.EMAIL);
		assertThat(incident.description()).isEqualTo("It stopped charging this morning.\nModel X1.");
		assertThat(this.records.timeline(incident.number(), true))
			.anySatisfy(entry -> assertThat(entry.author()).isEqualTo("alice"));

		// And alice has the "registered" mail with the number
		assertThat(this.steps.mailsTo("alice@acme.example", "[" + incident.number() + "] Your incident was registered"))
			.hasSize(1);
	}

	@Test
	void aCallerIsRecognisedWhateverTheCaseOfTheirStoredAddress() throws Exception {
		// Given a caller whose address was stored with capitals
		String local = "Mixed.Case." + tag();
		String caller = this.steps.callerWithAddress("acme", local + "@Acme.example");
		String subject = "Projector shows no picture " + tag();

		// When they write from the address in lower case, as mail programs often do
		this.steps.deliver(mail(local.toLowerCase() + "@acme.example", subject, "Since the update."));
		this.poller.poll();

		// Then they are recognised, and the incident is theirs
		Incident incident = this.steps.incidentWithSummary(subject);
		assertThat(incident.callerId()).isEqualTo(caller);
		assertThat(incident.channel()).isEqualTo(Channel.EMAIL);
	}

	@Test
	void anHtmlOnlyMailBecomesPlainTextWithoutItsMarkup() throws Exception {
		// Given bob writes an HTML mail with a script in it
		String subject = "Re: Fwd: VPN " + tag();
		MimeMessage mail = mail("bob@acme.example", subject, null);
		mail.setContent("<html><body><p>VPN drops &amp; reconnects</p><script>alert(1)</script><p>Since Monday</p>"
				+ "</body></html>", "text/html; charset=UTF-8");
		mail.saveChanges();
		mail.setHeader("Message-ID", "<" + tag() + "@test.example>");
		this.steps.deliver(mail);

		// When the mailbox is read
		this.poller.poll();

		// Then the incident has the text, without the markup and the reply prefixes
		Incident incident = this.steps.incidentWithSummary(subject.substring("Re: Fwd: ".length()));
		assertThat(incident.description()).isEqualTo("VPN drops & reconnects\nSince Monday")
			.doesNotContain("<", "alert");
	}

	@Test
	void aReplyWithTheNumberBecomesTheCallersCommentAndResumesTheIncidentWaitingForThem() throws Exception {
		// Given the service desk asked alice a question: the process waits for her reply
		Incident incident = this.steps.report("alice", "acme", "Cannot open shared calendar " + tag());
		this.steps.askCaller(incident, "Whose calendar?");
		assertThat(this.records.get(incident.number()).state()).isEqualTo(IncidentState.ON_HOLD);

		// When she replies by mail, quoting the question
		String answer = "The calendar of the finance team " + tag() + ".";
		this.steps.deliver(mail("alice@acme.example",
				"RE: [" + incident.number() + "] The service desk needs information from you: calendar",
				answer + "\n\nOn Mon, 2 Mar 2026 the desk wrote:\n> Whose calendar?\n"));
		this.poller.poll();

		// Then her answer, without the quote, is a public comment by her, and the
		// incident is back in progress with the process no longer waiting
		assertThat(this.records.timeline(incident.number(), false)).anySatisfy(entry -> {
			assertThat(entry.body()).isEqualTo(answer);
			assertThat(entry.author()).isEqualTo("alice");
			assertThat(entry.visibility()).isEqualTo(Visibility.PUBLIC);
		});
		assertThat(this.records.get(incident.number()).state()).isEqualTo(IncidentState.IN_PROGRESS);
		assertThat(this.runtime.createEventSubscriptionQuery()
			.processInstanceId(incident.processInstanceId())
			.eventName("CallerReplied")
			.count()).isZero();
	}

	@Test
	void anUnknownSenderGetsAPoliteReplyInBothLanguagesAndNothingIsStored() throws Exception {
		// Given a stranger writes
		String subject = "Please help " + tag();
		String messageId = "<" + tag() + "@stranger.example>";
		MimeMessage mail = mail("stranger@nowhere.example", subject, "My printer is broken.");
		mail.setHeader("Message-ID", messageId);
		this.steps.deliver(mail);

		// When the mailbox is read
		this.poller.poll();

		// Then no incident exists, and the stranger has one reply in English and
		// Indonesian, marked as an automatic reply to the message
		assertThat(this.steps.countWithSummary(subject)).isZero();
		MimeMessage reply = single(this.steps.mailsTo("stranger@nowhere.example", "Re: " + subject));
		assertThat(GreenMailUtil.getBody(reply)).contains("stranger@nowhere.example is not registered",
				"tidak terdaftar di Incident Desk");
		assertThat(reply.getHeader("Auto-Submitted")).containsExactly("auto-replied");
		assertThat(reply.getHeader("In-Reply-To")).containsExactly(messageId);
		assertThat(this.jdbc.sql("select outcome from inbound_mail_message where message_id = :id")
			.param("id", messageId)
			.query(String.class)
			.single()).isEqualTo("REJECTED");
	}

	@Test
	void automaticMailIsNeitherAnsweredNorTakenIn() throws Exception {
		// Given an out-of-office reply from alice to one of our mails, and a bounce
		Incident incident = this.steps.report("alice", "acme", "Mouse lag " + tag());
		int timeline = this.records.timeline(incident.number(), true).size();
		MimeMessage outOfOffice = mail("alice@acme.example", "Automatic reply: [" + incident.number() + "] update",
				"I am out of the office.");
		outOfOffice.setHeader("Auto-Submitted", "auto-replied");
		String bounceSubject = "Undelivered Mail Returned to Sender " + tag();
		this.steps.deliver(outOfOffice);
		this.steps.deliver(mail("MAILER-DAEMON@acme.example", bounceSubject, "Delivery failed."));

		// When the mailbox is read
		this.poller.poll();

		// Then nothing was added, opened or answered
		assertThat(this.records.timeline(incident.number(), true)).hasSize(timeline);
		assertThat(this.steps.countWithSummary(bounceSubject)).isZero();
		assertThat(this.steps.mailsTo("alice@acme.example", "Re: Automatic reply")).isEmpty();
		assertThat(this.steps.mailsTo("mailer-daemon@acme.example", "Re: ")).isEmpty();
	}

	@Test
	void theSameMessageReadTwiceMakesOneIncident() throws Exception {
		// Given the same message lies in the mailbox twice (as after a crash before it
		// was marked read, or when two nodes read at once)
		String subject = "Docking station flickers " + tag();
		String messageId = "<" + tag() + "@acme.example>";
		for (int copy = 0; copy < 2; copy++) {
			MimeMessage mail = mail("bob@acme.example", subject, "Flickers every few minutes.");
			mail.setHeader("Message-ID", messageId);
			this.steps.deliver(mail);
		}

		// When the mailbox is read, twice
		this.poller.poll();
		this.poller.poll();

		// Then there is one incident
		assertThat(this.steps.countWithSummary(subject)).isEqualTo(1);
	}

	@Test
	void aMessageIdLongerThanTheColumnStillMakesOneIncident() throws Exception {
		// Given a message with a 1,500-character Message-ID, twice in the mailbox
		String subject = "Keyboard types twice " + tag();
		String messageId = "<" + "x".repeat(1500) + tag() + "@acme.example>";
		for (int copy = 0; copy < 2; copy++) {
			MimeMessage mail = mail("bob@acme.example", subject, "Every key repeats.");
			mail.setHeader("Message-ID", messageId);
			this.steps.deliver(mail);
		}

		// When the mailbox is read
		this.poller.poll();

		// Then it is taken in once, and nothing is left to read again
		assertThat(this.steps.countWithSummary(subject)).isEqualTo(1);
		this.poller.poll();
		assertThat(this.steps.countWithSummary(subject)).isEqualTo(1);
	}

	@Test
	void aCallerCannotCommentByMailOnAnotherOrganisationsIncident() throws Exception {
		// Given alice's incident at acme, and citra of globex replying with its number
		Incident incident = this.steps.report("alice", "acme", "Badge printer offline " + tag());
		int timeline = this.records.timeline(incident.number(), true).size();
		String subject = "Re: [" + incident.number() + "] " + tag();
		this.steps.deliver(mail("citra@globex.example", subject, "Ha, I can write here."));

		// When the mailbox is read
		this.poller.poll();

		// Then alice's incident is untouched and citra is told the number is not hers,
		// without learning whether it exists
		assertThat(this.records.timeline(incident.number(), true)).hasSize(timeline);
		assertThat(GreenMailUtil.getBody(single(this.steps.mailsTo("citra@globex.example", subject))))
			.contains("the incident number in the subject is not one of your incidents");
	}

	@Test
	void aMessageTooBigIsSetAsideAndTheOthersAreStillRead() throws Exception {
		// Given a mail over the size limit (64 KB here) and a normal one after it
		String big = "Huge log attached " + tag();
		String normal = "Keyboard sticky " + tag();
		this.steps.deliver(mail("alice@acme.example", big, "x".repeat(100 * 1024)));
		this.steps.deliver(mail("alice@acme.example", normal, "The space bar sticks."));

		// When the mailbox is read
		this.poller.poll();

		// Then the big one made nothing, and the normal one an incident
		assertThat(this.steps.countWithSummary(big)).isZero();
		assertThat(this.steps.countWithSummary(normal)).isEqualTo(1);
		// And the big one is not read again
		this.poller.poll();
		assertThat(this.steps.countWithSummary(big)).isZero();
	}

	@BothDatabases
	@Test
	void aNewMailFromAKnownCallerOpensOneIncidentWithARecordOfTheMessage() throws Exception {
		// Given bob writes to the mailbox
		String subject = "Badge reader rejects my card " + tag();
		MimeMessage mail = mail("Bob Brandt <bob@acme.example>", subject, "Since this morning.");
		String messageId = mail.getMessageID();
		this.steps.deliver(mail);

		// When the mailbox is read and the outbox delivered
		this.poller.poll();
		this.delivery.deliverDue();

		// Then one incident is open for bob, by e-mail, recorded with the message
		Incident incident = this.steps.incidentWithSummary(subject);
		assertThat(incident.callerId()).isEqualTo("bob");
		assertThat(incident.channel()).isEqualTo(Channel.EMAIL);
		assertThat(incident.description()).isEqualTo("Since this morning.");
		assertThat(this.jdbc.sql("select outcome, incident_number from inbound_mail_message where message_id = :id")
			.param("id", messageId)
			.query((rs, row) -> rs.getString(1) + " " + rs.getString(2))
			.single()).isEqualTo("OPENED " + incident.number());
		assertThat(this.steps.mailsTo("bob@acme.example", "[" + incident.number() + "] Your incident was registered"))
			.hasSize(1);
	}

	@BothDatabases
	@Test
	void theSameMessageReadByTwoNodesAtOnceMakesOneIncident() throws Exception {
		// Given the same message lies in the mailbox twice
		String subject = "Second monitor stays black " + tag();
		String messageId = "<" + tag() + "@acme.example>";
		for (int copy = 0; copy < 2; copy++) {
			MimeMessage mail = mail("alice@acme.example", subject, "Both cables checked.");
			mail.setHeader("Message-ID", messageId);
			this.steps.deliver(mail);
		}

		// When two nodes read the mailbox at the same time, and once more afterwards
		CountDownLatch start = new CountDownLatch(1);
		List<CompletableFuture<Integer>> polls = List.of(1, 2)
			.stream()
			.map(node -> CompletableFuture.supplyAsync(() -> {
				try {
					start.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return this.poller.poll();
			}))
			.toList();
		start.countDown();
		polls.forEach(CompletableFuture::join);
		this.poller.poll();

		// Then there is one incident, and one record of the message
		assertThat(this.steps.countWithSummary(subject)).isEqualTo(1);
		assertThat(this.jdbc.sql("select count(*) from inbound_mail_message where message_id = :id")
			.param("id", messageId)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@BothDatabases
	@Test
	void aReplyBecomesTheCallersComment() throws Exception {
		// Given the service desk asked alice a question
		Incident incident = this.steps.report("alice", "acme", "Shared drive is read-only " + tag());
		this.steps.askCaller(incident, "Which drive letter?");
		assertThat(this.records.get(incident.number()).state()).isEqualTo(IncidentState.ON_HOLD);

		// When she replies by mail
		String answer = "Drive S: " + tag() + ".";
		this.steps.deliver(mail("alice@acme.example", "Re: [" + incident.number() + "] A question about your incident",
				answer + "\n\n> Which drive letter?\n"));
		this.poller.poll();

		// Then her answer is her public comment, and the incident is back in progress
		assertThat(this.records.timeline(incident.number(), false)).anySatisfy(entry -> {
			assertThat(entry.body()).isEqualTo(answer);
			assertThat(entry.author()).isEqualTo("alice");
			assertThat(entry.visibility()).isEqualTo(Visibility.PUBLIC);
		});
		assertThat(this.records.get(incident.number()).state()).isEqualTo(IncidentState.IN_PROGRESS);
	}

	@BothDatabases
	@Test
	void theSenderIsFoundWhateverTheCaseAndOnlyByTheWholeAddress() throws Exception {
		// Given a caller whose address was stored with capitals, and another caller whose
		// address has the same shape but other letters
		String local = "Anna_" + tag();
		String caller = this.steps.callerWithAddress("acme", local + "@Acme.example");
		this.steps.callerWithAddress("acme", local.replace('A', 'B') + "@Acme.example");
		String subject = "Keyboard types twice " + tag();

		// When she writes from the address in capitals
		this.steps.deliver(mail(local.toUpperCase() + "@ACME.EXAMPLE", subject, "Every key."));
		this.poller.poll();

		// Then the incident is hers
		assertThat(this.steps.incidentWithSummary(subject).callerId()).isEqualTo(caller);
	}

}

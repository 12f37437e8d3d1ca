package org.incidentdesk.mailin;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.incidentdesk.PostgresMailTest;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.incidentdesk.mailin.InboundMailSteps.mail;
import static org.incidentdesk.mailin.InboundMailSteps.tag;

/**
 * Inbound mail on a real PostgreSQL: the V10 table whose primary key on the Message-ID
 * keeps a message from making two incidents, also when two nodes read the mailbox at
 * once, the sender lookup without regard to case, and a reply that becomes a comment.
 * Shares the PostgreSQL mail context with the resolution link tests.
 */
@PostgresMailTest
class InboundMailPostgresTests {

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
	IdentityService identity;

	@Autowired
	JdbcClient jdbc;

	InboundMailSteps steps;

	@BeforeEach
	void steps() {
		this.steps = new InboundMailSteps(TestMailServer.greenMail(), TestMailServer.mailbox(), this.incidents,
				this.records, this.tasks, this.identity, this.jdbc);
	}

	@Test
	void aNewMailFromAKnownCallerOpensOneIncidentOnPostgresql() throws Exception {
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

	@Test
	void theSameMessageReadByTwoNodesAtOnceMakesOneIncidentOnPostgresql() throws Exception {
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

	@Test
	void aReplyBecomesTheCallersCommentOnPostgresql() throws Exception {
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

	@Test
	void theSenderIsFoundWhateverTheCaseAndOnlyByTheWholeAddressOnPostgresql() throws Exception {
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

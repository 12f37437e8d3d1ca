package org.incidentdesk.mailin;

import org.incidentdesk.TestReports;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import com.icegreen.greenmail.base.GreenMailOperations;
import com.icegreen.greenmail.user.GreenMailUser;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.incidentdesk.TestMailServer;
import org.incidentdesk.incident.Channel;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentRecords;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.Level;
import org.incidentdesk.incident.ReportIncident;
import org.incidentdesk.incident.process.IncidentProcess.Element;
import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.incidentdesk.system.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the inbound mail tests do, on H2 and on PostgreSQL alike: write mails into the
 * mailbox, find the incidents they made, and read what the application sent back.
 */
final class InboundMailSteps {

	static final String MAILBOX = TestMailServer.MAILBOX;

	private final GreenMailOperations greenMail;

	private final GreenMailUser mailbox;

	private final IncidentService incidents;

	private final IncidentRecords records;

	private final TaskService tasks;

	private final IdentityService identity;

	private final JdbcClient jdbc;

	InboundMailSteps(GreenMailOperations greenMail, GreenMailUser mailbox, IncidentService incidents,
			IncidentRecords records, TaskService tasks, IdentityService identity, JdbcClient jdbc) {
		this.greenMail = greenMail;
		this.mailbox = mailbox;
		this.incidents = incidents;
		this.records = records;
		this.tasks = tasks;
		this.identity = identity;
		this.jdbc = jdbc;
	}

	Incident report(String caller, String tenant, String summary) {
		return this.incidents
			.report(TestReports.report(summary).by(tenant, caller).description(null).category("hardware").build());
	}

	/**
	 * The service desk asks the caller a question; the process then waits for a reply.
	 */
	void askCaller(Incident incident, String question) {
		Task triage = this.tasks.createTaskQuery()
			.processInstanceBusinessKey(incident.number())
			.taskDefinitionKey(Element.TASK_TRIAGE_INCIDENT)
			.singleResult();
		this.tasks.complete(triage.getId(),
				Variables.putValue(Var.TRIAGE_DECISION, "REQUEST_INFO").putValue(Var.CALLER_QUESTION, question));
	}

	/**
	 * A new caller of the tenant whose e-mail address is stored exactly as given.
	 * @return the user id
	 */
	String callerWithAddress(String tenantId, String email) {
		String id = "mail-" + tag();
		User user = this.identity.newUser(id);
		user.setFirstName("Mail");
		user.setLastName("Caller " + id);
		user.setEmail(email);
		this.identity.saveUser(user);
		this.identity.createMembership(id, CurrentUser.CUSTOMERS);
		this.identity.createTenantUserMembership(tenantId, id);
		return id;
	}

	Incident incidentWithSummary(String summary) {
		String number = this.jdbc.sql("select number from incident where summary = :summary")
			.param("summary", summary)
			.query(String.class)
			.single();
		return this.records.get(number);
	}

	long countWithSummary(String summary) {
		return this.jdbc.sql("select count(*) from incident where summary = :summary")
			.param("summary", summary)
			.query(Long.class)
			.single();
	}

	void deliver(MimeMessage mail) {
		this.mailbox.deliver(mail);
	}

	List<MimeMessage> mailsTo(String address, String subjectStart) {
		return Arrays.stream(this.greenMail.getReceivedMessages()).filter(mail -> {
			try {
				return mail.getSubject() != null && mail.getSubject().startsWith(subjectStart)
						&& mail.getRecipients(Message.RecipientType.TO) != null
						&& Arrays.stream(mail.getRecipients(Message.RecipientType.TO))
							.anyMatch(to -> ((InternetAddress) to).getAddress().equalsIgnoreCase(address));
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

	/** A mail to the mailbox with a text and an HTML copy, and a unique Message-ID. */
	static MimeMessage mail(String from, String subject, String text) throws MessagingException {
		MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()));
		mail.setFrom(new InternetAddress(from));
		mail.setRecipient(Message.RecipientType.TO, new InternetAddress(MAILBOX));
		mail.setSubject(subject, "UTF-8");
		if (text != null) {
			MimeMultipart alternative = new MimeMultipart("alternative");
			MimeBodyPart plain = new MimeBodyPart();
			plain.setText(text, "UTF-8");
			MimeBodyPart html = new MimeBodyPart();
			html.setContent("<p>" + text + "</p><p>(HTML copy)</p>", "text/html; charset=UTF-8");
			alternative.addBodyPart(plain);
			alternative.addBodyPart(html);
			mail.setContent(alternative);
		}
		mail.saveChanges();
		mail.setHeader("Message-ID", "<" + tag() + "@test.example>");
		return mail;
	}

	static MimeMessage single(List<MimeMessage> mails) {
		assertThat(mails).hasSize(1);
		return mails.get(0);
	}

	static String tag() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

}

package org.incidentdesk.notification;

import org.incidentdesk.TestReports;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.base.GreenMailOperations;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.incidentdesk.incident.Channel;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentRecords;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.Level;
import org.incidentdesk.incident.ReportIncident;
import org.incidentdesk.incident.process.IncidentProcess.Element;
import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.incidentdesk.system.CurrentUser;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the resolution link tests do, on H2 and on PostgreSQL alike: report and resolve an
 * incident, find the resolution mail and its links at GreenMail, and answer through a
 * link over HTTP as the caller's mail program would, without signing in.
 */
final class ResolutionLinkSteps {

	private final GreenMailOperations greenMail;

	private final Pattern link;

	private final MailDelivery delivery;

	private final IncidentService incidents;

	private final IncidentRecords records;

	private final TaskService tasks;

	private final TestRestTemplate http;

	ResolutionLinkSteps(GreenMailOperations greenMail, String publicUrl, MailDelivery delivery,
			IncidentService incidents, IncidentRecords records, TaskService tasks, TestRestTemplate http) {
		this.greenMail = greenMail;
		this.link = Pattern
			.compile(Pattern.quote(publicUrl) + "(/links/resolution/[A-Za-z0-9_-]+)\\?answer=(confirm|reject)");
		this.delivery = delivery;
		this.incidents = incidents;
		this.records = records;
		this.tasks = tasks;
		this.http = http;
	}

	Incident report(String caller, String tenant, String summary) {
		return this.incidents
			.report(TestReports.report(summary).by(tenant, caller).description(null).category("hardware").build());
	}

	/** The team now working on the incident resolves it, and the outbox is delivered. */
	Incident resolved(Incident incident, String notes) {
		Task work = this.tasks.createTaskQuery()
			.processInstanceBusinessKey(incident.number())
			.taskDefinitionKeyIn(Element.WORK_TASKS.toArray(String[]::new))
			.singleResult();
		this.tasks.complete(work.getId(),
				Variables.putValue(Var.TRIAGE_DECISION, "RESOLVE")
					.putValue(Var.RESOLUTION_CODE, "SOLVED_PERMANENTLY")
					.putValue(Var.RESOLUTION_NOTES, notes));
		this.delivery.deliverDue();
		return this.records.get(incident.number());
	}

	/** Runs the action as the caller, then delivers the outbox. */
	void asCaller(String callerId, Runnable action) {
		var context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken
			.authenticated(new CurrentUser(callerId, List.of("customers"), List.of()), null, List.of()));
		SecurityContextHolder.setContext(context);
		try {
			action.run();
		}
		finally {
			SecurityContextHolder.clearContext();
		}
		this.delivery.deliverDue();
	}

	/** Answers through the link's page, as its button does. */
	ResponseEntity<String> post(String path, String answer, String reason) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("answer", answer);
		if (reason != null) {
			form.add("reason", reason);
		}
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
		return this.http.postForEntity(path, new HttpEntity<>(form, headers), String.class);
	}

	/** The one resolution mail of the incident to the address. */
	MimeMessage resolutionMail(Incident incident, String address) throws MessagingException {
		List<MimeMessage> found = mails(incident, address, "[" + incident.number() + "]");
		return single(found.stream().filter(mail -> {
			try {
				return mail.getSubject().contains("resolved") || mail.getSubject().contains("diselesaikan");
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toList());
	}

	/** The path of the link of the incident's resolution mail to the address. */
	String linkInResolutionMail(Incident incident, String address, String answer) throws MessagingException {
		return link(GreenMailUtil.getBody(resolutionMail(incident, address)), answer);
	}

	/** The path of the link with the given answer, without the host and the answer. */
	String link(String body, String answer) {
		Matcher matcher = this.link.matcher(body);
		while (matcher.find()) {
			if (matcher.group(2).equals(answer)) {
				return matcher.group(1);
			}
		}
		throw new AssertionError("No " + answer + " link in:\n" + body);
	}

	List<MimeMessage> mails(Incident incident, String address, String subjectPart) {
		return Arrays.stream(this.greenMail.getReceivedMessages()).filter(mail -> {
			try {
				return mail.getSubject().startsWith("[" + incident.number() + "]")
						&& mail.getSubject().contains(subjectPart)
						&& Arrays.stream(mail.getRecipients(Message.RecipientType.TO))
							.anyMatch(to -> to.toString().contains(address));
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

	static MimeMessage single(List<MimeMessage> mails) {
		assertThat(mails).hasSize(1);
		return mails.get(0);
	}

	static String tag() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

}

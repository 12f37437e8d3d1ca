package org.incidentdesk.notification;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentTimeline;
import org.incidentdesk.incident.Incidents;
import org.incidentdesk.incident.IncidentState;
import org.incidentdesk.system.EngineClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the notification outbox by mail, on the scheduler's thread and only what has been
 * committed, so no request ever waits for the mail server.
 * <p>
 * Each run claims due notifications one by one with a conditional update (see
 * {@link NotificationOutbox#claim}), so several nodes can run it side by side without
 * sending a notification twice: a lease in the row rather than a lock over the whole run,
 * so that nodes share a large outbox and no node that died holds up the others (README
 * "More than one node", {@code TwoNodesTests}). A failure counts as an attempt and moves
 * the next one out by an exponential back-off; after
 * {@code incident-desk.mail.max-attempts} the notification is FAILED and waits for an
 * administrator (see {@link FailedNotificationController}). A group notification becomes
 * one notification per member, each delivered and retried on its own, so a member who
 * already got the mail never gets it again. A recipient without an address is marked SENT
 * with the note "no address" rather than retried forever.
 * <p>
 * Delivery is at least once: if a node stops between the mail server accepting a mail and
 * the row being marked SENT, the row is sent again when its lease ends. The mail shows
 * the incident as it is when the mail is sent, not as it was when the notification was
 * queued.
 * <p>
 * Active only when {@code spring.mail.host} is set, the same condition under which Spring
 * Boot creates the {@link JavaMailSender}; without it notifications stay queued.
 */
@Component
@ConditionalOnProperty("spring.mail.host")
public class MailDelivery {

	static final String NO_ADDRESS = "no address";

	/**
	 * A run stops after this many batches so that a flood of new notifications cannot
	 * hold it forever.
	 */
	private static final int MAX_BATCHES_PER_RUN = 20;

	private static final Logger log = LoggerFactory.getLogger(MailDelivery.class);

	private final NotificationOutbox outbox;

	private final MailRecipients recipients;

	private final MailTemplates templates;

	private final Incidents incidents;

	private final IncidentTimeline timeline;

	private final JavaMailSender mailer;

	private final MailSettings settings;

	private final EngineClock clock;

	private final TransactionTemplate transaction;

	private final ResolutionLinks links;

	MailDelivery(NotificationOutbox outbox, MailRecipients recipients, MailTemplates templates, Incidents incidents,
			IncidentTimeline timeline, JavaMailSender mailer, MailSettings settings, EngineClock clock,
			TransactionTemplate transaction, ResolutionLinks links) {
		this.links = links;
		this.outbox = outbox;
		this.recipients = recipients;
		this.templates = templates;
		this.incidents = incidents;
		this.timeline = timeline;
		this.mailer = mailer;
		this.settings = settings;
		this.clock = clock;
		this.transaction = transaction;
	}

	/**
	 * Delivers every notification that is due now.
	 * @return how many notifications this run claimed
	 */
	@Scheduled(fixedDelayString = "${incident-desk.mail.poll-interval:PT5S}",
			initialDelayString = "${incident-desk.mail.poll-interval:PT5S}")
	public int deliverDue() {
		int claimed = 0;
		for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
			OffsetDateTime now = this.clock.nowUtc();
			List<Long> due = this.outbox.due(now, this.settings.batchSize());
			if (due.isEmpty()) {
				break;
			}
			for (long id : due) {
				if (this.outbox.claim(id, now, now.plus(this.settings.lease()))) {
					claimed++;
					deliverClaimed(id);
				}
			}
		}
		return claimed;
	}

	/**
	 * A failure outside sending itself (database, identity service) leaves the
	 * notification claimed; it is tried again when the lease ends, and the run goes on
	 * with the others.
	 */
	private void deliverClaimed(long id) {
		try {
			this.outbox.find(id).ifPresent(this::deliver);
		}
		catch (RuntimeException ex) {
			log.error("Could not deliver notification {}; it is tried again after {}", id, this.settings.lease(), ex);
		}
	}

	private void deliver(OutboxEntry entry) {
		if (entry.toGroup()) {
			splitIntoMembers(entry);
			return;
		}
		Optional<MailRecipient> found = this.recipients.user(entry.recipient());
		if (found.isEmpty() || !found.get().hasAddress()) {
			done(entry, NO_ADDRESS, "Not mailed to " + entry.describeRecipient() + ": "
					+ (found.isEmpty() ? "no such user" : "the user has no e-mail address") + ".");
			return;
		}
		MailRecipient recipient = found.get();
		RenderedMail mail;
		try {
			mail = send(entry, recipient);
		}
		catch (RuntimeException | MessagingException | UnsupportedEncodingException ex) {
			failed(entry, ex);
			return;
		}
		// Outside the try: if recording fails now, the mail did go out and must not count
		// as failed.
		done(entry, null,
				"Mail sent to " + entry.describeRecipient() + " <" + recipient.email() + ">: " + mail.subject());
	}

	private void splitIntoMembers(OutboxEntry entry) {
		List<String> members = this.recipients.members(entry.recipient());
		String note = members.isEmpty() ? "group has no members" : "sent to each member: " + String.join(", ", members);
		this.transaction.executeWithoutResult(status -> {
			OffsetDateTime now = this.clock.nowUtc();
			members.forEach(member -> this.outbox.queueForMember(entry.id(), member, now));
			this.outbox.markSent(entry.id(), now, abbreviate(note, 300));
		});
	}

	private RenderedMail send(OutboxEntry entry, MailRecipient recipient)
			throws MessagingException, UnsupportedEncodingException {
		Incident incident = this.incidents.get(entry.incidentNumber());
		// Links only while the resolution still waits for the caller: a mail that goes
		// out after the answer would carry links that open nothing.
		ResolutionLinks.Issued resolutionLinks = (entry.kind() == NotificationKind.RESOLVED
				&& incident.state() == IncidentState.RESOLVED && recipient.userId().equals(incident.callerId()))
						? this.links.issue(incident) : null;
		RenderedMail mail = this.templates.render(entry.kind(), incident, recipient.name(), recipient.locale(),
				new MailDetails(entry.message(), resolutionLinks, this.settings.repliesAccepted()));
		MimeMessage message = this.mailer.createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
		helper.setFrom(new InternetAddress(this.settings.from(), true));
		if (this.settings.repliesAccepted()) {
			helper.setReplyTo(new InternetAddress(this.settings.replyTo(), true));
		}
		// RFC 3834: machines (vacation replies, our own inbound mailbox) must not
		// answer it.
		message.setHeader("Auto-Submitted", "auto-generated");
		helper.setTo(new InternetAddress(recipient.email(), recipient.name(), StandardCharsets.UTF_8.name()));
		helper.setSubject(mail.subject());
		helper.setText(mail.body(), false);
		this.mailer.send(message);
		return mail;
	}

	private void done(OutboxEntry entry, String note, String timelineEntry) {
		this.transaction.executeWithoutResult(status -> {
			this.outbox.markSent(entry.id(), this.clock.nowUtc(), note);
			this.timeline.recordDelivery(entry.incidentNumber(), abbreviate(timelineEntry, 1000));
		});
	}

	private void failed(OutboxEntry entry, Exception ex) {
		int attempts = entry.attempts() + 1;
		String error = describe(ex);
		if (attempts >= this.settings.maxAttempts()) {
			log.warn("Giving up notification {} to {} after {} attempts: {}", entry.id(), entry.describeRecipient(),
					attempts, error);
			this.transaction.executeWithoutResult(status -> {
				this.outbox.markFailed(entry.id(), attempts, error);
				this.timeline.recordDelivery(entry.incidentNumber(), abbreviate("Mail to " + entry.describeRecipient()
						+ " could not be delivered after " + attempts + " attempts: " + error, 1000));
			});
		}
		else {
			OffsetDateTime next = this.clock.nowUtc().plus(this.settings.backoffAfter(attempts));
			log.info("Notification {} to {} failed (attempt {}), next attempt at {}: {}", entry.id(),
					entry.describeRecipient(), attempts, next, error);
			this.outbox.markForRetry(entry.id(), attempts, error, next);
		}
	}

	/** The whole cause chain: "Mail server connection failed" alone does not say why. */
	private static String describe(Throwable ex) {
		StringBuilder text = new StringBuilder();
		for (Throwable cause = ex; cause != null
				&& text.length() < NotificationOutbox.MAX_ERROR_LENGTH; cause = cause.getCause()) {
			if (!text.isEmpty()) {
				text.append(" <- ");
			}
			text.append(cause.getClass().getSimpleName());
			if (cause.getMessage() != null) {
				text.append(": ").append(cause.getMessage().strip());
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return text.toString();
	}

	private static String abbreviate(String text, int max) {
		return (text.length() > max) ? text.substring(0, max - 1) + "…" : text;
	}

}

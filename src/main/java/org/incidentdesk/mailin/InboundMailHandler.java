package org.incidentdesk.mailin;

import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.incidentdesk.incident.Activity.Visibility;
import org.incidentdesk.incident.Channel;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentAccess;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.IncidentState;
import org.incidentdesk.incident.Incidents;
import org.incidentdesk.incident.Level;
import org.incidentdesk.incident.ReportIncident;
import org.incidentdesk.notification.MailReplies;
import org.incidentdesk.notification.ReplyReason;
import org.incidentdesk.system.CurrentUser;
import org.incidentdesk.system.EngineClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns one inbound mail into an incident, a comment, a refusal or nothing, in one
 * transaction with the row that records its Message-ID. A message handled before fails on
 * that row's primary key before anything else happens, so a message read twice (by a node
 * that crashed before marking it, or by two nodes at once) makes one incident.
 * <ul>
 * <li>Mail a machine sent (auto-replies, bounces, lists, our own) is ignored: never
 * answered, never taken in.</li>
 * <li>The sender must be a caller (group {@value CurrentUser#CUSTOMERS}) whose e-mail
 * address is the From address (in any case), belonging to exactly one customer
 * organisation: with several, the mail cannot say which one it is for, so it is refused
 * like an unknown sender.</li>
 * <li>A subject with an incident number the caller may see adds a public comment as the
 * caller, which resumes an incident waiting for the caller's reply; a number they may not
 * see is refused without saying whether it exists.</li>
 * <li>Anything else opens an incident on channel EMAIL as the caller.</li>
 * </ul>
 * The From address is taken at its word, as mail does; mail servers that check SPF and
 * DMARC in front of the mailbox keep forged senders out.
 */
@Service
@Transactional
class InboundMailHandler {

	static final int MAX_SUMMARY = 200;

	static final int MAX_TEXT = 4000;

	private static final Logger log = LoggerFactory.getLogger(InboundMailHandler.class);

	private final JdbcClient jdbc;

	private final IdentityService identity;

	private final IncidentService incidents;

	private final Incidents records;

	private final IncidentAccess access;

	private final MailReplies replies;

	private final EngineClock clock;

	private final InboundMailSettings settings;

	InboundMailHandler(JdbcClient jdbc, IdentityService identity, IncidentService incidents, Incidents records,
			IncidentAccess access, MailReplies replies, EngineClock clock, InboundMailSettings settings) {
		this.jdbc = jdbc;
		this.identity = identity;
		this.incidents = incidents;
		this.records = records;
		this.access = access;
		this.replies = replies;
		this.clock = clock;
		this.settings = settings;
	}

	/**
	 * Handles the message.
	 * @throws org.springframework.dao.DuplicateKeyException if the message was handled
	 * before
	 */
	Outcome handle(InboundMessage message) {
		this.jdbc.sql("""
				insert into inbound_mail_message (message_id, sender, outcome, processed_at)
				values (:id, :sender, 'IGNORED', :now)""")
			.param("id", message.messageId())
			.param("sender", abbreviate(message.sender(), 320))
			.param("now", this.clock.nowUtc())
			.update();
		if (message.automatic() || this.replies.isOwnAddress(message.sender())
				|| message.sender().equalsIgnoreCase(this.settings.username())) {
			log.info("Ignoring automatic inbound mail {} from {}", message.messageId(), message.sender());
			return record(message, Outcome.IGNORED, null);
		}
		Optional<CurrentUser> caller = caller(message.sender());
		if (caller.isEmpty()) {
			return refuse(message, ReplyReason.UNKNOWN_SENDER, null);
		}
		String number = message.incidentNumber();
		if (number != null) {
			return comment(message, caller.get(), number);
		}
		// Reported by the caller: the timeline names them rather than "system".
		Incident opened = this.incidents
			.report(new ReportIncident(caller.get().tenants().get(0), caller.get().id(), null, Channel.EMAIL,
					summary(message), abbreviate(message.text(), MAX_TEXT), "other", null, Level.MEDIUM, Level.MEDIUM),
					caller.get().id());
		return record(message, Outcome.OPENED, opened.number());
	}

	private Outcome comment(InboundMessage message, CurrentUser caller, String number) {
		Optional<Incident> incident = this.records.find(number).filter(found -> this.access.canSee(caller, found));
		if (incident.isEmpty()) {
			return refuse(message, ReplyReason.UNKNOWN_INCIDENT, null);
		}
		if (!incident.get().state().isOpen() && incident.get().state() != IncidentState.RESOLVED) {
			// Checked here: the service's refusal would mark the whole transaction for
			// rollback, the record of this message with it.
			return refuse(message, ReplyReason.INCIDENT_CLOSED, number);
		}
		String body = message.replyText();
		if (body.isBlank()) {
			body = "(empty reply by e-mail)";
		}
		String comment = abbreviate(body, MAX_TEXT);
		this.incidents.comment(number, caller.id(), comment, Visibility.PUBLIC);
		return record(message, Outcome.COMMENTED, number);
	}

	private Outcome refuse(InboundMessage message, ReplyReason reason, String number) {
		log.info("Refusing inbound mail {} from {}: {}", message.messageId(), message.sender(), reason);
		this.replies.refuse(message.sender(), message.subject(), message.messageId(), reason);
		return record(message, Outcome.REJECTED, number);
	}

	private Outcome record(InboundMessage message, Outcome outcome, String number) {
		this.jdbc
			.sql("update inbound_mail_message set outcome = :outcome, incident_number = :number where message_id = :id")
			.param("outcome", outcome.name())
			.param("number", number)
			.param("id", message.messageId())
			.update();
		return outcome;
	}

	/**
	 * The one caller whose address this is, with their groups and tenants. Addresses are
	 * compared without regard to case, as people type them (an address stored as
	 * {@code Alice@Acme.example} is alice's when she writes from
	 * {@code alice@acme.example}).
	 */
	private Optional<CurrentUser> caller(String address) {
		List<User> users = this.identity.createUserQuery()
			.userEmailLike(sameShape(address))
			.list()
			.stream()
			.filter(user -> address.equalsIgnoreCase(user.getEmail()))
			.toList();
		if (users.size() != 1) {
			return Optional.empty();
		}
		String userId = users.get(0).getId();
		CurrentUser user = new CurrentUser(userId,
				this.identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList(),
				this.identity.createTenantQuery()
					.userMember(userId)
					.includingGroupsOfUser(true)
					.list()
					.stream()
					.map(Tenant::getId)
					.toList());
		return (user.isCaller() && user.tenants().size() == 1) ? Optional.of(user) : Optional.empty();
	}

	/**
	 * A LIKE pattern that every spelling of the address in upper or lower case matches:
	 * each character other than a digit or {@code @ . - +} becomes the one-character
	 * wildcard. Camunda compares {@code userEmail} and {@code userEmailLike} with the
	 * case of the database (case-sensitive on H2 and PostgreSQL), so the query only
	 * narrows the users down to addresses of this shape, and the comparison without case
	 * is made on those. Nothing of the address is left to be read as a wildcard or an
	 * escape ({@code _}, {@code %} and {@code \} are replaced too).
	 */
	private static String sameShape(String address) {
		StringBuilder pattern = new StringBuilder(address.length());
		address.codePoints()
			.forEach(c -> pattern
				.append(((c >= '0' && c <= '9') || c == '@' || c == '.' || c == '-' || c == '+') ? (char) c : '_'));
		return pattern.toString();
	}

	private static String summary(InboundMessage message) {
		String summary = message.cleanSubject();
		if (summary.isBlank()) {
			summary = message.text().lines().map(String::strip).filter(line -> !line.isEmpty()).findFirst().orElse("");
		}
		return summary.isBlank() ? "(no subject)" : abbreviate(summary, MAX_SUMMARY);
	}

	private static String abbreviate(String text, int max) {
		return (text.length() > max) ? text.substring(0, max - 1) + "…" : text;
	}

	/** What became of a message; stored with its Message-ID. */
	enum Outcome {

		OPENED, COMMENTED, REJECTED, IGNORED

	}

}

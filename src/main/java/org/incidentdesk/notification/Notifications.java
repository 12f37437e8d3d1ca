package org.incidentdesk.notification;

import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentTimeline;
import org.incidentdesk.system.EngineClock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Notifies people about an incident. A notification is written to an outbox in the same
 * transaction as the change that causes it and recorded on the incident's timeline;
 * delivery happens afterwards, so an unreachable mail server neither loses it nor blocks
 * anyone.
 */
@Service
@Transactional
public class Notifications {

	private final JdbcClient jdbc;

	private final IncidentTimeline timeline;

	private final EngineClock clock;

	Notifications(JdbcClient jdbc, IncidentTimeline timeline, EngineClock clock) {
		this.jdbc = jdbc;
		this.timeline = timeline;
		this.clock = clock;
	}

	public void notifyUser(Incident incident, NotificationKind kind, String userId) {
		queue(incident, kind, "USER", userId, null);
	}

	/**
	 * Notifies a user with a text of its own, such as the comment that caused the
	 * notification; the mail quotes it as it was written, not as the timeline reads when
	 * the mail goes out.
	 */
	public void notifyUser(Incident incident, NotificationKind kind, String userId, String message) {
		queue(incident, kind, "USER", userId, message);
	}

	public void notifyGroup(Incident incident, NotificationKind kind, String groupId) {
		queue(incident, kind, "GROUP", groupId, null);
	}

	private void queue(Incident incident, NotificationKind kind, String recipientType, String recipient,
			String message) {
		String subject = "[" + incident.number() + "] " + kind.subject() + ": " + incident.summary();
		this.jdbc.sql("""
				insert into notification (incident_id, kind, recipient_type, recipient, subject, message, status,
				                          created_at)
				values (:incident, :kind, :type, :recipient, :subject, :message, 'PENDING', :now)
				""")
			.param("incident", incident.id())
			.param("kind", kind.name())
			.param("type", recipientType)
			.param("recipient", recipient)
			.param("subject", (subject.length() > 300) ? subject.substring(0, 300) : subject)
			.param("message", (message != null && message.length() > 4000) ? message.substring(0, 4000) : message)
			.param("now", this.clock.nowUtc())
			.update();
		this.timeline.recordNotification(incident.id(), recipientType.toLowerCase() + ":" + recipient, kind.subject());
	}

}

package org.incidentdesk.incident;

import org.incidentdesk.incident.Activity.Visibility;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The entries other features write on an incident's timeline, each of one kind and
 * visibility, so that no feature decides those for itself. Everything else about an
 * incident changes through {@link IncidentService} or its process.
 */
@Component
@Transactional
public class IncidentTimeline {

	private final IncidentRecords records;

	IncidentTimeline(IncidentRecords records) {
		this.records = records;
	}

	/** What monitoring reported about the incident's alert (internal). */
	public void recordMonitoring(String number, String text) {
		this.records.addEntry(number, ActivityKind.WORK_NOTE, Visibility.INTERNAL, text);
	}

	/** A file attached to the incident, which the caller sees. */
	public void recordAttachment(String number, String text) {
		this.records.addEntry(number, ActivityKind.COMMENT, Visibility.PUBLIC, text);
	}

	/** Somebody was notified (the notification itself goes through the outbox). */
	public void recordNotification(long incidentId, String recipient, String subject) {
		this.records.recordNotification(incidentId, recipient, subject);
	}

	/** What became of a notification's delivery (internal). */
	public void recordDelivery(String number, String text) {
		this.records.addEntry(number, ActivityKind.NOTIFICATION, Visibility.INTERNAL, text);
	}

}

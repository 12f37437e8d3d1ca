package org.incidentdesk.notification;

/** Why somebody is notified. */
public enum NotificationKind {

	INCIDENT_OPENED("Your incident was registered"),
	INFORMATION_REQUESTED("The service desk needs information from you"), ASSIGNED("Incident assigned to your group"),
	HANDED_OVER("Incident handed over"), RESPONSE_OVERDUE("Response SLA missed"), SLA_WARNING("Resolution SLA at risk"),
	SLA_BREACHED("Resolution SLA breached"), MAJOR_INCIDENT("Major incident declared"),
	RESOLVED("Your incident was resolved"), RESOLUTION_REJECTED_AGAIN("Resolution rejected again by the caller"),
	CLOSED("Your incident was closed"), CANCELLED("Your incident was cancelled"),
	/**
	 * A customer-visible update by staff: a comment, a hold or its end; the text goes
	 * along.
	 */
	UPDATED("Your incident was updated"),
	/** The resolution was rejected and the incident is back with the service desk. */
	REOPENED("Your incident was reopened");

	private final String subject;

	NotificationKind(String subject) {
		this.subject = subject;
	}

	public String subject() {
		return this.subject;
	}

}

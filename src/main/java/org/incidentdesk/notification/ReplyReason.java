package org.incidentdesk.notification;

/** Why inbound mail is answered with a refusal instead of being taken in. */
public enum ReplyReason {

	/** The sender is not a caller of exactly one customer organisation. */
	UNKNOWN_SENDER,
	/** The subject names an incident the sender may not see, or none that exists. */
	UNKNOWN_INCIDENT,
	/** The subject names the sender's incident, but it is closed or cancelled. */
	INCIDENT_CLOSED

}

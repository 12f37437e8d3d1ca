package org.incidentdesk.notification;

/**
 * A queued notification as the mail delivery sees it.
 *
 * @param recipientType USER or GROUP
 * @param attempts failed delivery attempts so far
 * @param message the text the notification carries (a comment), or {@code null}
 */
record OutboxEntry(long id, long incidentId, String incidentNumber, NotificationKind kind, String recipientType,
		String recipient, int attempts, String message) {

	static final String USER = "USER";

	static final String GROUP = "GROUP";

	boolean toGroup() {
		return GROUP.equals(this.recipientType);
	}

	String describeRecipient() {
		return this.recipientType.toLowerCase() + ":" + this.recipient;
	}

}

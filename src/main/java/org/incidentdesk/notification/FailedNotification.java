package org.incidentdesk.notification;

import java.time.OffsetDateTime;

/**
 * A notification that could not be delivered after all its attempts.
 *
 * @param recipient user id (or group id) it was meant for
 * @param lastError why the last attempt failed
 */
record FailedNotification(long id, String incidentNumber, String kind, String recipientType, String recipient,
		String subject, int attempts, String lastError, OffsetDateTime createdAt) {

}

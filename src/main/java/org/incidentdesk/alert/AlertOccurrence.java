package org.incidentdesk.alert;

import java.time.OffsetDateTime;

/**
 * The incident an alert opened, and how often the alert fired while that incident lived.
 */
record AlertOccurrence(long id, String tenantId, String fingerprint, String incidentNumber, OffsetDateTime firstSeen,
		OffsetDateTime lastSeen, int occurrences, Status status) {

	enum Status {

		FIRING, RESOLVED

	}

}

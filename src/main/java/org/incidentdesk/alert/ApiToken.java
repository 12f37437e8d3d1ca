package org.incidentdesk.alert;

import java.time.OffsetDateTime;

/**
 * An API token as administrators see it: who it acts as and when it was used, never the
 * secret.
 *
 * @param userId the Camunda user (a service account of the tenant) the token acts as
 */
record ApiToken(long id, String tenantId, String userId, String name, OffsetDateTime createdAt, String createdBy,
		OffsetDateTime lastUsedAt, OffsetDateTime revokedAt) {

	boolean isRevoked() {
		return this.revokedAt != null;
	}

}

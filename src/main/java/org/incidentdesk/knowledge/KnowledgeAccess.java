package org.incidentdesk.knowledge;

import java.security.Principal;

import org.springframework.lang.Nullable;

/**
 * Tells the knowledge API which tenant a signed-in user belongs to and whether they read
 * as a caller or as service desk staff. The application provides the implementation; this
 * feature does not know how users and tenants are stored.
 */
public interface KnowledgeAccess {

	/**
	 * The tenant of the user, or {@code null} for provider staff who belong to no tenant:
	 * they see and write provider-wide articles only.
	 */
	@Nullable
	String tenantOf(Principal principal);

	Audience audienceOf(Principal principal);

}

package org.incidentdesk.knowledge.internal;

import java.security.Principal;

import org.incidentdesk.knowledge.Audience;
import org.incidentdesk.knowledge.KnowledgeAccess;
import org.incidentdesk.system.CurrentUser;
import org.incidentdesk.tenancy.AccessPolicy;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Tells the knowledge base who is reading: callers read as their organisation's callers;
 * provider staff read the provider-wide articles, including internal ones.
 */
@Component
class KnowledgeAccessByIdentity implements KnowledgeAccess {

	@Override
	public String tenantOf(Principal principal) {
		CurrentUser user = user(principal);
		return (user != null && user.isCaller() && !user.tenants().isEmpty()) ? user.tenants().get(0) : null;
	}

	@Override
	public Audience audienceOf(Principal principal) {
		CurrentUser user = user(principal);
		return (user != null && AccessPolicy.isStaff(user)) ? Audience.STAFF : Audience.CALLER;
	}

	private static CurrentUser user(Principal principal) {
		if (principal instanceof CurrentUser user) {
			return user;
		}
		if (principal instanceof AbstractAuthenticationToken token
				&& token.getPrincipal() instanceof CurrentUser user) {
			return user;
		}
		return null;
	}

}

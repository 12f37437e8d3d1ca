package org.incidentdesk.knowledge;

import java.security.Principal;

import org.springframework.security.core.Authentication;

/**
 * Reads the tenant from the user name ({@code alice@acme} belongs to {@code acme}; a name
 * without a tenant is provider staff) and makes users with the role {@code STAFF} staff.
 */
class TestKnowledgeAccess implements KnowledgeAccess {

	@Override
	public String tenantOf(Principal principal) {
		String name = principal.getName();
		int at = name.indexOf('@');
		return (at >= 0) ? name.substring(at + 1) : null;
	}

	@Override
	public Audience audienceOf(Principal principal) {
		boolean staff = (principal instanceof Authentication authentication) && authentication.getAuthorities()
			.stream()
			.anyMatch((authority) -> "ROLE_STAFF".equals(authority.getAuthority()));
		return staff ? Audience.STAFF : Audience.CALLER;
	}

}

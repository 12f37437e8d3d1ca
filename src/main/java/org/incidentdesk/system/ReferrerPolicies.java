package org.incidentdesk.system;

import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The {@code Referrer-Policy} every security chain sends, so that no answer goes without
 * one.
 */
public final class ReferrerPolicies {

	/**
	 * The full address goes along only within this service, so incident numbers, article
	 * ids and search words in an address never reach another site. The mail links send
	 * none at all, because their address is a credential ({@code LinkSecurityConfig}).
	 */
	public static final ReferrerPolicy SAME_SERVICE = ReferrerPolicy.SAME_ORIGIN;

	private ReferrerPolicies() {
	}

}

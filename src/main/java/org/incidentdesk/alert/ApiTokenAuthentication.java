package org.incidentdesk.alert;

import java.util.Collection;

import org.incidentdesk.system.CurrentUser;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * A bearer API token: before authentication it carries only the secret, afterwards only
 * the user it acts as (the secret is dropped so it cannot leak through the security
 * context).
 */
final class ApiTokenAuthentication extends AbstractAuthenticationToken {

	private final String token;

	private final CurrentUser user;

	private ApiTokenAuthentication(String token, CurrentUser user, Collection<? extends GrantedAuthority> authorities) {
		super(authorities);
		this.token = token;
		this.user = user;
		setAuthenticated(user != null);
	}

	static ApiTokenAuthentication unauthenticated(String token) {
		return new ApiTokenAuthentication(token, null, null);
	}

	static ApiTokenAuthentication authenticated(CurrentUser user, Collection<? extends GrantedAuthority> authorities) {
		return new ApiTokenAuthentication(null, user, authorities);
	}

	@Override
	public Object getCredentials() {
		return this.token;
	}

	@Override
	public Object getPrincipal() {
		return this.user;
	}

}

package org.incidentdesk.alert;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.incidentdesk.system.CurrentUser;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Signs machine clients in with an API token. The user is the token's service account,
 * but it acts for the token's tenant only, even if the account belongs to more tenants.
 * It is not a bean on purpose: a second {@link AuthenticationProvider} bean would change
 * how Spring Security builds the global authentication manager the rest of the API relies
 * on.
 */
class ApiTokenAuthenticationProvider implements AuthenticationProvider {

	private final ApiTokens tokens;

	private final IdentityService identity;

	ApiTokenAuthenticationProvider(ApiTokens tokens, IdentityService identity) {
		this.tokens = tokens;
		this.identity = identity;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		Object credentials = authentication.getCredentials();
		if (!(credentials instanceof String secret) || !secret.startsWith(ApiTokens.PREFIX)) {
			throw new BadCredentialsException(
					"This is not an Incident Desk API token; they start with '" + ApiTokens.PREFIX + "'.");
		}
		ApiToken token = this.tokens.use(secret)
			.orElseThrow(() -> new BadCredentialsException("The API token is unknown. Ask an administrator for one."));
		if (token.isRevoked()) {
			throw new BadCredentialsException(
					"The API token '" + token.name() + "' was revoked. Ask an administrator for a new one.");
		}
		// Membership is checked again on every call: removing the account from the tenant
		// disables its tokens at once.
		if (!this.tokens.belongsTo(token.userId(), token.tenantId())) {
			throw new BadCredentialsException("The API token's user '" + token.userId()
					+ "' no longer belongs to customer organisation '" + token.tenantId() + "'.");
		}
		List<String> groups = this.identity.createGroupQuery()
			.groupMember(token.userId())
			.list()
			.stream()
			.map(Group::getId)
			.toList();
		List<GrantedAuthority> authorities = new ArrayList<>();
		groups.forEach(group -> authorities.add(new SimpleGrantedAuthority("GROUP_" + group)));
		authorities.add(new SimpleGrantedAuthority("TENANT_" + token.tenantId()));
		return ApiTokenAuthentication.authenticated(new CurrentUser(token.userId(), groups, List.of(token.tenantId())),
				authorities);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return ApiTokenAuthentication.class.isAssignableFrom(authentication);
	}

}

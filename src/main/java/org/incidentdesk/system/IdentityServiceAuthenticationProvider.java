package org.incidentdesk.system;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Signs users in against Camunda's identity service, the one user store of Incident Desk,
 * so the API, the portal and the webapps all know the same users, groups and tenants. A
 * successful sign-in is remembered for a short time ({@link CredentialCache}), because
 * API clients send their password with every request.
 */
@Component
public class IdentityServiceAuthenticationProvider implements AuthenticationProvider {

	private final IdentityService identityService;

	private final CredentialCache cache;

	IdentityServiceAuthenticationProvider(IdentityService identityService, CredentialCache cache) {
		this.identityService = identityService;
		this.cache = cache;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String userId = authentication.getName();
		Object credentials = authentication.getCredentials();
		if (userId == null || userId.isBlank() || credentials == null) {
			throw new BadCredentialsException("Unknown user or wrong password.");
		}
		String password = credentials.toString();
		CredentialCache.SignedIn signedIn = this.cache.find(userId, password);
		if (signedIn == null) {
			long generation = this.cache.generation();
			if (!this.identityService.checkPassword(userId, password)) {
				throw new BadCredentialsException("Unknown user or wrong password.");
			}
			signedIn = lookUp(userId);
			this.cache.remember(userId, password, signedIn, generation);
		}
		// A new token each time: Spring Security adds the request's details to it.
		return UsernamePasswordAuthenticationToken.authenticated(signedIn.user(), null, signedIn.authorities());
	}

	private CredentialCache.SignedIn lookUp(String userId) {
		List<String> groups = this.identityService.createGroupQuery()
			.groupMember(userId)
			.list()
			.stream()
			.map(Group::getId)
			.toList();
		List<String> tenants = this.identityService.createTenantQuery()
			.userMember(userId)
			.includingGroupsOfUser(true)
			.list()
			.stream()
			.map(Tenant::getId)
			.toList();
		List<GrantedAuthority> authorities = new ArrayList<>();
		groups.forEach(group -> authorities.add(new SimpleGrantedAuthority("GROUP_" + group)));
		tenants.forEach(tenant -> authorities.add(new SimpleGrantedAuthority("TENANT_" + tenant)));
		return new CredentialCache.SignedIn(new CurrentUser(userId, groups, tenants), authorities);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}

package org.incidentdesk.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.incidentdesk.system.ReferrerPolicies;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Security for the alert intake, ahead of the application's chains: machine clients
 * authenticate with a per-tenant API token ({@code Authorization: Bearer idk_...}) and
 * with nothing else, and these tokens are accepted nowhere else. Stateless, so there is
 * no session and no CSRF to guard.
 */
@Configuration
class AlertSecurityConfig {

	@Bean
	@Order(0)
	SecurityFilterChain alertIntakeSecurity(HttpSecurity http, ApiTokens tokens, IdentityService identity,
			ObjectMapper json) throws Exception {
		var entryPoint = new ProblemAuthenticationEntryPoint(json);
		// A manager of its own, without the global one as parent: a password never opens
		// this door.
		var manager = new ProviderManager(new ApiTokenAuthenticationProvider(tokens, identity));
		return http.securityMatcher(AlertController.PATH, AlertController.PATH + "/**")
			.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
			.addFilterBefore(new ApiTokenAuthenticationFilter(manager, entryPoint), AnonymousAuthenticationFilter.class)
			// Only authenticated clients get their body read, and then at most 1 MB
			// of it.
			.addFilterAfter(new PayloadLimitFilter(json), AuthorizationFilter.class)
			.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint))
			// No Origin check as on the other chains: a browser never adds a bearer token
			// by itself, so another site's page has no credential to borrow here.
			.headers(headers -> headers.referrerPolicy(referrer -> referrer.policy(ReferrerPolicies.SAME_SERVICE)))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(AbstractHttpConfigurer::disable)
			.csrf(AbstractHttpConfigurer::disable)
			.build();
	}

}

package org.incidentdesk.portal;

import org.incidentdesk.system.CrossSiteChanges;
import org.incidentdesk.system.IdentityServiceAuthenticationProvider;
import org.incidentdesk.system.ReferrerPolicies;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Security for the callers' portal: a form login against Camunda's users, a session, and
 * CSRF protection on every form, because a browser sends the session cookie by itself.
 * Only the sign-in page and the static assets are open.
 */
@Configuration
class PortalSecurityConfig {

	static final String LOGIN = "/login";

	/**
	 * Scripts and styles come only from this site, so text a user wrote can never run
	 * even if it slipped through escaping.
	 */
	private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

	@Bean
	@Order(20)
	SecurityFilterChain portalSecurity(HttpSecurity http, IdentityServiceAuthenticationProvider identity,
			CrossSiteChanges crossSite) throws Exception {
		return http.securityMatcher("/", "/portal", "/portal/**", LOGIN, "/logout")
			// The CSRF token already stops another site's forms; a form post that a
			// browser says comes from another site is refused all the same (the
			// forbidden page).
			.authorizeHttpRequests(requests -> requests.requestMatchers(crossSite)
				.denyAll()
				.requestMatchers(LOGIN, "/portal/assets/**")
				.permitAll()
				.anyRequest()
				.authenticated())
			.authenticationProvider(identity)
			.formLogin(form -> form.loginPage(LOGIN).defaultSuccessUrl("/portal", false))
			.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl(LOGIN + "?logout"))
			.exceptionHandling(exceptions -> exceptions.accessDeniedPage("/portal/forbidden"))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicies.SAME_SERVICE)))
			.build();
	}

}

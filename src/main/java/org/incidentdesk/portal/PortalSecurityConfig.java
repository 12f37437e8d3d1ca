package org.incidentdesk.portal;

import java.util.Locale;

import org.camunda.bpm.engine.IdentityService;
import org.incidentdesk.system.CrossSiteChanges;
import org.incidentdesk.system.IdentityServiceAuthenticationProvider;
import org.incidentdesk.system.ReferrerPolicies;
import org.incidentdesk.tenancy.UserSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.web.servlet.LocaleResolver;

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
			CrossSiteChanges crossSite, IdentityService identities, LocaleResolver locales) throws Exception {
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
			.formLogin(form -> form.loginPage(LOGIN).successHandler(inTheirLanguage(identities, locales)))
			.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl(LOGIN + "?logout"))
			.exceptionHandling(exceptions -> exceptions.accessDeniedPage("/portal/forbidden"))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicies.SAME_SERVICE)))
			.build();
	}

	/**
	 * After a sign-in the portal speaks the language the user chose on Settings (user
	 * info {@code locale}), in whatever browser they signed in; without a choice, the
	 * browser's stays. Then on to the page they asked for, or the portal's start.
	 */
	private static AuthenticationSuccessHandler inTheirLanguage(IdentityService identities, LocaleResolver locales) {
		SavedRequestAwareAuthenticationSuccessHandler onwards = new SavedRequestAwareAuthenticationSuccessHandler();
		onwards.setDefaultTargetUrl("/portal");
		return (request, response, authentication) -> {
			String chosen = identities.getUserInfo(authentication.getName(), UserSettings.LANGUAGE_INFO);
			if (chosen != null && !chosen.isBlank()) {
				locales.setLocale(request, response, Locale.forLanguageTag(chosen.strip()));
			}
			onwards.onAuthenticationSuccess(request, response, authentication);
		};
	}

}

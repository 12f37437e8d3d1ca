package org.incidentdesk.notification;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Security for the links in mails ({@code /links/**}), ahead of the application's
 * catch-all chain.
 * <ul>
 * <li>No sign-in: the token in the path is the credential. It is 256 random bits, works
 * once, expires and opens one answer for one incident; the caller who got the mail may
 * not have a password at all (an incident reported by phone or mail).</li>
 * <li>No CSRF token: CSRF lets another site make the browser send the user's ambient
 * credentials (a session cookie). These requests carry no ambient credential; the only
 * credential is the token in the URL, which another site cannot know, and whoever knows
 * it could send the request directly anyway. For the same reason no Origin check
 * ({@code CrossSiteChanges}) either; it would refuse these pages' own forms, which a
 * browser posts with {@code Origin: null} under {@code no-referrer}.</li>
 * <li>{@code Referrer-Policy: no-referrer}, so that the token does not leave in the
 * Referer header of any request the page causes; the default headers (no caching, no
 * framing, no sniffing) stay on.</li>
 * </ul>
 */
@Configuration
class LinkSecurityConfig {

	@Bean
	@Order(30)
	SecurityFilterChain mailLinks(HttpSecurity http) throws Exception {
		return http.securityMatcher("/links/**")
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.headers(headers -> headers.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(AbstractHttpConfigurer::disable)
			.csrf(AbstractHttpConfigurer::disable)
			.build();
	}

}

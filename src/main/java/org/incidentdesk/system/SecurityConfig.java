package org.incidentdesk.system;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may reach what. Everything needs a signed-in user except health.
 * <ul>
 * <li>{@code /engine-rest}: HTTP Basic against Camunda's identity service, through
 * Camunda's own filter, so the engine's authorization and tenant checks apply to the
 * caller.</li>
 * <li>{@code /camunda}: the webapps, which run their own session login and CSRF
 * protection.</li>
 * <li>{@code /api/v1} and the rest: HTTP Basic against the same users.</li>
 * </ul>
 */
@Configuration
class SecurityConfig {

	static final String ENGINE_REST_PATTERN = "/engine-rest/*";

	/**
	 * Swagger UI and the OpenAPI document (springdoc's paths in application.yaml: the UI
	 * at /api/v1/docs redirects to its files under /api/v1/swagger-ui).
	 */
	static final String[] API_DOCUMENTATION = { "/api/v1/docs", "/api/v1/docs/**", "/api/v1/swagger-ui/**",
			"/api/v1/openapi", "/api/v1/openapi/**", "/swagger-ui/**", "/swagger-ui.html" };

	/** The portal's sign-in page, where a browser without a session goes for the docs. */
	static final String PORTAL_LOGIN = "/login";

	private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

	private static final String AUDITOR_AUTHORITY = "GROUP_" + CurrentUser.AUDITORS;

	private static final String ADMINISTRATOR_AUTHORITY = "GROUP_" + CurrentUser.ADMINISTRATORS;

	private static final String MONITORING_AUTHORITY = "GROUP_" + CurrentUser.MONITORING;

	/** Groups that oversee and change nothing through the API. */
	private static final Set<String> OVERSEER_AUTHORITIES = Set.of(AUDITOR_AUTHORITY,
			"GROUP_" + CurrentUser.SERVICE_DELIVERY_MANAGERS, "GROUP_" + CurrentUser.INCIDENT_MANAGERS,
			MONITORING_AUTHORITY);

	@Bean
	@Order(1)
	SecurityFilterChain camundaWebapps(HttpSecurity http, ObjectMapper json, CrossSiteChanges crossSite)
			throws Exception {
		// The webapps authenticate with their own login and protect themselves against
		// CSRF; /engine-rest authenticates with Camunda's Basic filter, whose credentials
		// a browser remembers. A change that a page of another site makes a browser send
		// is refused here for both (as on /api/v1), before Camunda sees it. Full-path
		// matchers: these paths belong to Camunda's own servlets, not to Spring MVC.
		PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
		var refused = new ProblemAccessDeniedHandler(json, crossSite);
		return http.securityMatcher(new OrRequestMatcher(path.matcher("/camunda/**"), path.matcher("/engine-rest/**")))
			.authorizeHttpRequests(requests -> requests.requestMatchers(crossSite).denyAll().anyRequest().permitAll())
			// Camunda authenticates after this chain, so a refused request is
			// anonymous here.
			.exceptionHandling(exceptions -> exceptions
				.authenticationEntryPoint((request, response, ex) -> refused.handle(request, response,
						new AccessDeniedException(ex.getMessage())))
				.accessDeniedHandler(refused))
			.csrf(AbstractHttpConfigurer::disable)
			.headers(headers -> headers.frameOptions(frame -> frame.sameOrigin())
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicies.SAME_SERVICE)))
			.build();
	}

	/**
	 * The API documentation (Swagger UI and the OpenAPI document) opens with a portal
	 * session as well as with HTTP Basic, so that somebody signed in to the portal reads
	 * it without a second sign-in; a browser without either goes to the portal's sign-in
	 * page and comes back. Only reading: the API itself stays HTTP Basic only (and
	 * stateless), so Swagger UI's "Try it out" signs in with its Authorize button.
	 */
	@Bean
	@Order(10)
	SecurityFilterChain apiDocumentationPages(HttpSecurity http, IdentityServiceAuthenticationProvider identity,
			SignInLocks locks, ObjectMapper json, CrossSiteChanges crossSite) throws Exception {
		var refused = new ProblemAccessDeniedHandler(json, crossSite);
		var challenge = new SignInProblemEntryPoint(json, locks.longestLock());
		var pages = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
		pages.setIgnoredMediaTypes(Set.of(MediaType.ALL));
		var entryPoints = new LinkedHashMap<RequestMatcher, AuthenticationEntryPoint>();
		entryPoints.put(pages, new LoginUrlAuthenticationEntryPoint(PORTAL_LOGIN));
		var signIn = new DelegatingAuthenticationEntryPoint(entryPoints);
		signIn.setDefaultEntryPoint(challenge);
		return http.securityMatcher(API_DOCUMENTATION)
			.authorizeHttpRequests(requests -> requests.requestMatchers(crossSite)
				.denyAll()
				.requestMatchers(SecurityConfig::changesSomething)
				.denyAll()
				.anyRequest()
				.authenticated())
			.authenticationProvider(identity)
			.headers(headers -> headers.referrerPolicy(referrer -> referrer.policy(ReferrerPolicies.SAME_SERVICE)))
			.httpBasic(basic -> basic.authenticationEntryPoint(challenge))
			.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(signIn).accessDeniedHandler(refused))
			// Reads only (every change is refused above), so no CSRF token to ask for.
			.csrf(AbstractHttpConfigurer::disable)
			.build();
	}

	/**
	 * The catch-all chain comes last, so that a feature's own chain (alerts, portal, mail
	 * links) with its own {@code securityMatcher} and a smaller order is asked first.
	 */
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	SecurityFilterChain application(HttpSecurity http, IdentityServiceAuthenticationProvider identity,
			SignInLocks locks, ObjectMapper json, CrossSiteChanges crossSite) throws Exception {
		var refused = new ProblemAccessDeniedHandler(json, crossSite);
		var challenge = new SignInProblemEntryPoint(json, locks.longestLock());
		// A change from another site is refused as such, signed in or not: a 401 would
		// only ask the browser for the credentials that must not be used.
		AuthenticationEntryPoint signIn = (request, response, ex) -> {
			if (crossSite.matches(request)) {
				refused.handle(request, response, new AccessDeniedException(ex.getMessage()));
			}
			else {
				challenge.commence(request, response, ex);
			}
		};
		return http
			.authorizeHttpRequests(requests -> requests.requestMatchers(EndpointRequest.to(HealthEndpoint.class))
				.permitAll()
				.requestMatchers("/error")
				.permitAll()
				// Browsers remember HTTP Basic credentials, so a page of another site
				// could make a signed-in browser change something here; browsers say so.
				.requestMatchers(crossSite)
				.denyAll()
				// Metrics (and the other actuator endpoints but health) tell about every
				// tenant: administrators and the monitoring system's user only.
				.requestMatchers(EndpointRequest.toAnyEndpoint().excluding(HealthEndpoint.class))
				.hasAnyAuthority(ADMINISTRATOR_AUTHORITY, MONITORING_AUTHORITY)
				// Tenants, teams, users, tokens and failed mail are the administrators'.
				.requestMatchers("/api/v1/admin/**")
				.hasAuthority(ADMINISTRATOR_AUTHORITY)
				// Auditors read everything and change nothing, whatever else they
				// belong to.
				.requestMatchers(SecurityConfig::changesSomething)
				.access(SecurityConfig::mayChange)
				.anyRequest()
				.authenticated())
			.authenticationProvider(identity)
			// Spring Security's defaults (nosniff, frame options DENY, no caching, HSTS
			// on HTTPS requests) plus no referrer to other sites.
			.headers(headers -> headers.referrerPolicy(referrer -> referrer.policy(ReferrerPolicies.SAME_SERVICE)))
			// 401 and 403 are problem details; the 401 keeps the Basic challenge.
			.httpBasic(basic -> basic.authenticationEntryPoint(signIn))
			.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(signIn).accessDeniedHandler(refused))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			// API clients send credentials on every request, so there is no session
			// to forge.
			.csrf(AbstractHttpConfigurer::disable)
			.build();
	}

	static boolean changesSomething(HttpServletRequest request) {
		return !SAFE_METHODS.contains(request.getMethod());
	}

	/**
	 * Overseers read and change nothing through the API: auditors, whatever else they
	 * belong to, and users whose only groups are the overseeing ones (service delivery
	 * managers, incident managers, monitoring). Incident managers act on a breached
	 * incident through its review task in Tasklist.
	 */
	private static AuthorizationDecision mayChange(Supplier<Authentication> authentication,
			RequestAuthorizationContext context) {
		Authentication user = authentication.get();
		boolean signedIn = user != null && user.isAuthenticated() && !(user instanceof AnonymousAuthenticationToken);
		return new AuthorizationDecision(signedIn && !readOnly(user));
	}

	static boolean readOnly(Authentication user) {
		List<String> groups = user.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter(authority -> authority.startsWith("GROUP_"))
			.toList();
		return groups.contains(AUDITOR_AUTHORITY)
				|| (!groups.isEmpty() && groups.stream().allMatch(OVERSEER_AUTHORITIES::contains));
	}

	/**
	 * Camunda's REST API is open unless secured; this is Camunda's documented filter for
	 * HTTP Basic against its identity service.
	 */
	@Bean
	FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
		var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
		registration.setName("camunda-rest-authentication");
		registration.addInitParameter("authentication-provider",
				"org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider");
		registration.addUrlPatterns(ENGINE_REST_PATTERN);
		// Before the filters that need to know who is asking (the engine surface guard).
		registration.setOrder(Ordered.LOWEST_PRECEDENCE - 100);
		return registration;
	}

}

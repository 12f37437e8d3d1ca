package org.incidentdesk.portal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.incidentdesk.portal.internal.PortalLocaleResolver;
import org.incidentdesk.system.CurrentUser;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The portal's language switch and the rule that its caller pages are for callers.
 */
@Configuration
class PortalWebConfig implements WebMvcConfigurer {

	/** Named so that the dispatcher servlet uses it instead of Spring Boot's default. */
	@Bean
	LocaleResolver localeResolver() {
		return new PortalLocaleResolver();
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor language = new LocaleChangeInterceptor();
		language.setParamName("lang");
		language.setIgnoreInvalidLocale(true);
		registry.addInterceptor(language).addPathPatterns("/portal", "/portal/**", "/login");
		registry.addInterceptor(new CallersOnly()).addPathPatterns("/portal/incidents/**", "/portal/knowledge/**");
	}

	/**
	 * Staff work in Tasklist; on the portal they get the page that leads there, not the
	 * callers' pages (which would show them nothing of their own).
	 */
	static class CallersOnly implements HandlerInterceptor {

		@Override
		public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
				throws Exception {
			var authentication = SecurityContextHolder.getContext().getAuthentication();
			if (authentication != null && authentication.getPrincipal() instanceof CurrentUser user
					&& user.isCaller()) {
				return true;
			}
			response.sendRedirect(request.getContextPath() + "/portal");
			return false;
		}

	}

}

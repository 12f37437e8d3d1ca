package org.incidentdesk.portal;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves bpmn-js's prebuilt viewer, from its WebJar (bundled at build time, so the page
 * needs no CDN), among the portal's assets, which its security chain lets load before
 * sign-in and its Content-Security-Policy allows as scripts of this site.
 */
@Configuration
class AuditAssets implements WebMvcConfigurer {

	/** The version of {@code org.webjars.npm:bpmn-js} in the pom. */
	static final String BPMN_JS_VERSION = "8.0.0";

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler("/portal/assets/bpmn-js/**")
			.addResourceLocations("classpath:/META-INF/resources/webjars/bpmn-js/" + BPMN_JS_VERSION + "/dist/");
	}

}

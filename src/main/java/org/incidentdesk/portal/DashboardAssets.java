package org.incidentdesk.portal;

import java.time.Duration;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;

/**
 * Serves the chart library of the manager dashboard (Apache ECharts, from its WebJar)
 * under the portal's assets, so that the Content-Security-Policy's {@code script-src
 * 'self'} allows it and no page loads a script from another site. The path carries no
 * version ({@code /portal/assets/vendor/echarts/dist/echarts.min.js}); the WebJar locator
 * finds the one on the classpath.
 */
@Configuration
class DashboardAssets implements WebMvcConfigurer {

	static final String VENDOR = "/portal/assets/vendor/";

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler(VENDOR + "**")
			.addResourceLocations("classpath:/META-INF/resources/webjars/")
			.setCacheControl(CacheControl.maxAge(Duration.ofDays(1)))
			.resourceChain(true)
			.addResolver(new LiteWebJarsResourceResolver());
	}

}

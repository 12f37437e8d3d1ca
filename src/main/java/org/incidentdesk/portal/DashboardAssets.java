package org.incidentdesk.portal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Properties;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the chart library of the manager dashboard (Apache ECharts, from its WebJar)
 * under the portal's assets, so that the Content-Security-Policy's {@code script-src
 * 'self'} allows it and no page loads a script from another site. The path carries no
 * version ({@code /portal/assets/vendor/echarts/dist/echarts.min.js}); the version is the
 * WebJar's on the classpath, and nothing else of any WebJar is served there.
 */
@Configuration
class DashboardAssets implements WebMvcConfigurer {

	static final String ECHARTS = "/portal/assets/vendor/echarts/";

	private static final String ECHARTS_POM = "META-INF/maven/org.webjars.npm/echarts/pom.properties";

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler(ECHARTS + "**")
			.addResourceLocations("classpath:/META-INF/resources/webjars/echarts/" + echartsVersion() + "/")
			.setCacheControl(CacheControl.maxAge(Duration.ofDays(1)));
	}

	private static String echartsVersion() {
		try (InputStream pom = new ClassPathResource(ECHARTS_POM).getInputStream()) {
			Properties properties = new Properties();
			properties.load(pom);
			return properties.getProperty("version");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The ECharts WebJar (org.webjars.npm:echarts) is not on the classpath", ex);
		}
	}

}

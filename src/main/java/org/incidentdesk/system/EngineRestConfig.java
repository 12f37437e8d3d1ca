package org.incidentdesk.system;

import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Additions to Camunda's REST API (Jersey). */
@Configuration
class EngineRestConfig {

	@Bean
	ResourceConfigCustomizer rejectedOutcomeMapper() {
		return config -> config.register(RejectedOutcomeMapper.class);
	}

	@Bean
	FilterRegistrationBean<WebappTenantCheckFilter> webappTenantCheck() {
		var registration = new FilterRegistrationBean<>(new WebappTenantCheckFilter());
		registration.addUrlPatterns(WebappTenantCheckFilter.PATTERN);
		return registration;
	}

	@Bean
	ResourceConfigCustomizer tenantCheckMapper() {
		return config -> config.register(TenantCheckMapper.class);
	}

}

package org.incidentdesk.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Additions to Camunda's REST API (Jersey) and to the webapps' engine API. */
@Configuration
class EngineRestConfig {

	@Bean
	ResourceConfigCustomizer rejectedOutcomeMapper() {
		return config -> config.register(RejectedOutcomeMapper.class);
	}

	/**
	 * Outside every other filter of the engine APIs but the busy answer
	 * ({@link DatabaseBusyFilter}): a body too large is refused before anything reads it,
	 * and every answer, the guards' included, passes it.
	 */
	@Bean
	FilterRegistrationBean<EngineErrorFilter> engineErrors(ProcessEngine engine, ObjectMapper json,
			EngineApiSettings settings) {
		var registration = new FilterRegistrationBean<>(new EngineErrorFilter(engine, json, settings));
		registration.addUrlPatterns(EngineErrorFilter.PATTERNS);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

	/**
	 * Ahead of Camunda's webapp filters, which fail with a 500 on an engine's name they
	 * do not know.
	 */
	@Bean
	FilterRegistrationBean<UnknownEngineFilter> unknownEngine(ProcessEngine engine, ObjectMapper json) {
		var registration = new FilterRegistrationBean<>(new UnknownEngineFilter(engine.getName(), json));
		registration.addUrlPatterns(UnknownEngineFilter.PATTERNS);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		return registration;
	}

	@Bean
	FilterRegistrationBean<ErrorPathFilter> errorPath(ObjectMapper json) {
		var registration = new FilterRegistrationBean<>(new ErrorPathFilter(json));
		registration.addUrlPatterns(ErrorPathFilter.PATH);
		return registration;
	}

}

package org.incidentdesk.audit;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.incidentdesk.audit.internal.ActivityHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * The audit trail's hash chain key, checked before anything else starts, and the guard
 * that keeps the incidents' process history out of reach of Camunda's REST APIs.
 */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

	private static final Logger LOG = LoggerFactory.getLogger(AuditConfiguration.class);

	/**
	 * Binds the settings before any other bean is made, so that a missing or weak chain
	 * key stops the start with its own message, before the database or the engine is
	 * touched.
	 */
	@Bean
	static BeanFactoryPostProcessor auditSettingsCheck(Environment environment) {
		return beanFactory -> Binder.get(environment).bindOrCreate("incident-desk.audit", AuditSettings.class);
	}

	@Bean
	ActivityHash activityHash(AuditSettings settings) {
		if (settings.chainKey() == null) {
			LOG.warn(
					"No audit chain key ({}): the timeline's hash chain is written in the unkeyed mode {}, which "
							+ "finds accidental changes but not somebody who can write the database and recompute the "
							+ "hashes. Set the key outside development; the postgres profile requires it.",
					AuditSettings.KEY_ENV, HashScheme.UNKEYED_SHA256);
			return ActivityHash.unkeyed();
		}
		return ActivityHash.keyed(settings.chainKey().getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Ahead of Camunda's own authentication and CSRF filters: the refusal does not depend
	 * on who asks, so it needs neither.
	 */
	@Bean
	FilterRegistrationBean<HistoryDeletionGuard> historyDeletionGuard(ObjectMapper json) {
		var registration = new FilterRegistrationBean<>(new HistoryDeletionGuard(json));
		registration.setName("audit-history-deletion-guard");
		registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

}

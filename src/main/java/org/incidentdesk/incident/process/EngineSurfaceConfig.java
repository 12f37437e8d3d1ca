package org.incidentdesk.incident.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.incidentdesk.incident.IncidentRecords;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Puts {@link EngineSurfaceGuard} in front of the engine's REST API and the webapps. It
 * comes after Camunda's authentication filter for {@code /engine-rest} (which orders
 * itself earlier), so it knows who is asking.
 */
@Configuration
class EngineSurfaceConfig {

	@Bean
	FilterRegistrationBean<EngineSurfaceGuard> engineSurfaceGuard(IdentityService identity, TaskService tasks,
			RuntimeService runtime, ManagementService management, RepositoryService repository, TaskFormFields forms,
			IncidentRecords records, ObjectMapper json) {
		var registration = new FilterRegistrationBean<>(
				new EngineSurfaceGuard(identity, tasks, runtime, management, repository, forms, records, json));
		registration.setName("incident-desk-engine-surface-guard");
		registration.addUrlPatterns("/engine-rest/*", "/camunda/*");
		registration.setOrder(Ordered.LOWEST_PRECEDENCE);
		return registration;
	}

}

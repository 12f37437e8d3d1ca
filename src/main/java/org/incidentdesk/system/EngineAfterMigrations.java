package org.incidentdesk.system;

import java.util.Set;

import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;

/**
 * Builds the process engine only after the database's migrations have run, since
 * Camunda's tables are one of them ({@link CamundaSchema}) and the engine, which only
 * checks its schema, would not start without them. Spring Boot makes every bean found
 * here depend on its database initializers, Flyway's among them. Registered in
 * {@code META-INF/spring.factories}.
 */
class EngineAfterMigrations extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {

	@Override
	protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
		return Set.of(ProcessEngine.class);
	}

}

package org.incidentdesk.system;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.spring.boot.starter.configuration.impl.custom.CreateAdminUserConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Camunda's starter creates the configured first administrator
 * ({@code camunda.bpm.admin-user.*}) when the engine is built, if the user does not exist
 * yet, in several commands (user, group, grants, membership). Nodes starting together on
 * an empty database would each find the user missing, and all but one fail on the user's
 * key and stop. This runs the starter's step under the {@link StartUpLock} instead: a
 * node that waited finds the user and leaves it.
 */
@Component
class AdministratorInTurn implements BeanPostProcessor {

	private final ObjectProvider<StartUpLock> lock;

	AdministratorInTurn(ObjectProvider<StartUpLock> lock) {
		this.lock = lock;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof CreateAdminUserConfiguration creation && !(bean instanceof InTurn)) {
			return new InTurn(creation, this.lock);
		}
		return bean;
	}

	/** The starter's step, run under the start-up lock. */
	static final class InTurn extends CreateAdminUserConfiguration {

		private final CreateAdminUserConfiguration creation;

		private final ObjectProvider<StartUpLock> lock;

		InTurn(CreateAdminUserConfiguration creation, ObjectProvider<StartUpLock> lock) {
			this.creation = creation;
			this.lock = lock;
		}

		@Override
		public void postProcessEngineBuild(ProcessEngine processEngine) {
			this.lock.getObject()
				.run("creating the first administrator", () -> this.creation.postProcessEngineBuild(processEngine));
		}

		@Override
		public String toString() {
			return this.creation.toString();
		}

	}

}

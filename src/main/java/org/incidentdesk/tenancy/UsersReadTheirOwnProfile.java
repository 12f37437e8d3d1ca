package org.incidentdesk.tenancy;

import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.springframework.stereotype.Component;

/**
 * Camunda gives every new user ALL permissions on their own user record, so a caller
 * could change their e-mail address to another caller's (which inbound mail matches
 * senders by) or delete themselves, and an auditor could change something after all. Here
 * a new user gets READ on their own record only; administrators keep users' profiles and
 * passwords. Camunda offers no public interface for this, hence its
 * {@code DefaultAuthorizationProvider}.
 */
@Component
class UsersReadTheirOwnProfile extends AbstractProcessEnginePlugin {

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		configuration.setResourceAuthorizationProvider(new DefaultAuthorizationProvider() {

			@Override
			public AuthorizationEntity[] newUser(User user) {
				AuthorizationEntity[] grants = super.newUser(user);
				for (AuthorizationEntity grant : grants) {
					grant.setPermissions(new Permission[] { Permissions.READ });
				}
				return grants;
			}

		});
	}

}

package org.incidentdesk.system;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who is acting right now, for the timeline: the user Camunda has authenticated
 * (Tasklist, engine REST), else the user signed in to our API, else the engine itself
 * (timers, jobs).
 */
@Component
public class CurrentActor {

	public static final String SYSTEM = "system";

	private final IdentityService identityService;

	CurrentActor(IdentityService identityService) {
		this.identityService = identityService;
	}

	public String id() {
		Authentication engineUser = this.identityService.getCurrentAuthentication();
		if (engineUser != null && engineUser.getUserId() != null) {
			return engineUser.getUserId();
		}
		var springUser = SecurityContextHolder.getContext().getAuthentication();
		if (springUser != null && springUser.isAuthenticated()
				&& springUser.getPrincipal() instanceof CurrentUser user) {
			return user.id();
		}
		return SYSTEM;
	}

}

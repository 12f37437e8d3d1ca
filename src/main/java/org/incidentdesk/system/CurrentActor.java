package org.incidentdesk.system;

import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who is acting right now, for the timeline: the user a service was told acts
 * ({@link #actingAs}), else the user Camunda has authenticated (Tasklist, engine REST),
 * else the user signed in to our API, else the engine itself (timers, jobs).
 */
@Component
public class CurrentActor {

	public static final String SYSTEM = "system";

	/**
	 * The acting user a service names for what it does in this thread. The timeline
	 * entries of a change are written by the process's delegates, inside the engine's
	 * command, where no parameter reaches them; this is how the service's parameter does.
	 */
	private static final ThreadLocal<String> ACTING = new ThreadLocal<>();

	private final IdentityService identityService;

	CurrentActor(IdentityService identityService) {
		this.identityService = identityService;
	}

	public String id() {
		String acting = ACTING.get();
		if (acting != null) {
			return acting;
		}
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

	/**
	 * Runs the action with the user as the actor of everything it records, whoever is
	 * signed in (nobody, for a mail read from the mailbox or a link in a mail). It grants
	 * nothing: the engine's authorizations and our checks stay as they are.
	 */
	public <T> T actingAs(String userId, Supplier<T> action) {
		String previous = ACTING.get();
		ACTING.set(userId);
		try {
			return action.get();
		}
		finally {
			if (previous != null) {
				ACTING.set(previous);
			}
			else {
				ACTING.remove();
			}
		}
	}

	/** Like {@link #actingAs(String, Supplier)}, for an action without a result. */
	public void actingAs(String userId, Runnable action) {
		actingAs(userId, () -> {
			action.run();
			return null;
		});
	}

}

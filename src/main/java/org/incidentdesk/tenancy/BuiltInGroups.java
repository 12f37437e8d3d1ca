package org.incidentdesk.tenancy;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates the groups every installation needs, with their Camunda grants, at every start
 * and before anything else that creates users (the demo world). Missing grants are put
 * back; nothing an administrator added is taken away.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class BuiltInGroups implements ApplicationRunner {

	private final AccessModel access;

	BuiltInGroups(AccessModel access) {
		this.access = access;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		this.access.ensureBuiltInGroups();
	}

}

package org.incidentdesk.tenancy;

import org.incidentdesk.system.StartUpLock;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates the groups every installation needs, with their Camunda grants, at every start
 * and before anything else that creates users (the demo world). Missing grants are put
 * back; nothing an administrator added is taken away. Users' own records are brought to
 * read-only ({@link UsersReadTheirOwnProfile}), and the work groups' Tasklist filters
 * show the list card variables of this version.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class BuiltInGroups implements ApplicationRunner {

	private final AccessModel access;

	private final TransactionTemplate transaction;

	private final StartUpLock lock;

	BuiltInGroups(AccessModel access, PlatformTransactionManager transactions, StartUpLock lock) {
		this.access = access;
		this.transaction = new TransactionTemplate(transactions);
		this.lock = lock;
	}

	/**
	 * Nodes of a cluster that start together take turns ({@link StartUpLock}): two of
	 * them writing the same group or grant at once would stop one start on its key, and a
	 * Tasklist filter has no key that would stop a second copy. The node that waited
	 * finds them there.
	 */
	@Override
	public void run(ApplicationArguments args) {
		this.lock.run("creating the built-in groups", () -> this.transaction.executeWithoutResult(status -> {
			this.access.ensureBuiltInGroups();
			this.access.ownProfilesReadOnly();
			this.access.cardVariablesUpToDate();
		}));
	}

}

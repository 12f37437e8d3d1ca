package org.incidentdesk.tenancy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

	private static final Logger log = LoggerFactory.getLogger(BuiltInGroups.class);

	private static final int ATTEMPTS = 3;

	private final AccessModel access;

	private final TransactionTemplate transaction;

	BuiltInGroups(AccessModel access, PlatformTransactionManager transactions) {
		this.access = access;
		this.transaction = new TransactionTemplate(transactions);
	}

	/**
	 * Nodes of a cluster that start together may create the same group at once; the one
	 * that loses finds it there on its next attempt.
	 */
	@Override
	public void run(ApplicationArguments args) {
		for (int attempt = 1;; attempt++) {
			try {
				this.transaction.executeWithoutResult(status -> {
					this.access.ensureBuiltInGroups();
					this.access.ownProfilesReadOnly();
					this.access.cardVariablesUpToDate();
				});
				return;
			}
			catch (RuntimeException ex) {
				if (attempt == ATTEMPTS) {
					throw ex;
				}
				log.info("Another node created built-in groups at the same time ({}); trying again.", ex.getMessage());
			}
		}
	}

}

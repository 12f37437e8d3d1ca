package org.incidentdesk.incident;

import org.incidentdesk.BothDatabases;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.system.ConflictRetry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Two concurrent changes of one incident, on H2 and on PostgreSQL: neither is silently
 * lost.
 */
@IncidentDeskTest
@BothDatabases
class ConcurrentRecordUpdatesTests {

	@Autowired
	IncidentService incidents;

	@Autowired
	IncidentRecords records;

	@Autowired
	ConflictRetry retry;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void bothOfTwoConcurrentChangesAreKept() throws Exception {
		ConcurrentRecordUpdates.bothChangesAreKept(this.incidents, this.records, this.retry);
	}

	@Test
	void aChangeDecidedOnAStaleReadIsRefused() throws Exception {
		ConcurrentRecordUpdates.theStaleChangeIsRefused(this.incidents, this.records, this.transactions);
	}

}

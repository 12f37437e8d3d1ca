package org.incidentdesk.audit;

import org.incidentdesk.TestReports;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.incident.Activity.Visibility;
import org.incidentdesk.audit.internal.ActivityHash;
import org.incidentdesk.incident.Channel;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentRecords;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.Level;
import org.incidentdesk.incident.ReportIncident;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/** The timeline's hash chain as the audit trail writes it, on H2. */
@IncidentDeskTest
class HashChainTests {

	@Autowired
	IncidentService incidents;

	@Autowired
	IncidentRecords records;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AuditTrail trail;

	@Test
	void everyEntryLinksToThePreviousOneOfTheSameIncident() {
		// Given two incidents written in turns
		Incident one = report("First chained incident");
		Incident two = report("Second chained incident");
		this.incidents.comment(one.number(), "alice", "One, first.", Visibility.PUBLIC);
		this.incidents.comment(two.number(), "alice", "Two, first.", Visibility.PUBLIC);
		this.incidents.comment(one.number(), "alice", "One, second.", Visibility.PUBLIC);

		// Then each incident's first entry starts a chain and every other links to
		// its predecessor
		for (Incident incident : new Incident[] { one, two }) {
			var rows = this.trail.entries(incident.id());
			assertThat(rows.get(0).previousHash()).isEqualTo(ActivityHash.CHAIN_START);
			for (int i = 1; i < rows.size(); i++) {
				assertThat(rows.get(i).previousHash()).isEqualTo(rows.get(i - 1).hash());
			}
			assertThat(rows).allSatisfy(row -> assertThat(row.hash()).matches("[0-9a-f]{64}"));
			assertThat(this.trail.verify(incident.id()).intact()).isTrue();
		}
	}

	@Test
	void concurrentWritersForOneIncidentTakeTurns() throws Exception {
		ConcurrentTimelineWrites.secondWriterWaitsAndChainsToTheFirst(report("Busy incident"), this.records,
				this.transactions, this.jdbc, this.trail);
	}

	private Incident report(String summary) {
		return this.incidents.report(TestReports.report(summary).description("Reported in a hash chain test.").build());
	}

}

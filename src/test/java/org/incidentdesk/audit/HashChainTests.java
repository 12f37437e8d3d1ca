package org.incidentdesk.audit;

import java.util.List;
import java.util.Map;

import org.incidentdesk.BothDatabases;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.TestReports;
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
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The timeline's hash chain as the audit trail writes it. The scenarios marked
 * {@link BothDatabases} run on PostgreSQL too: the V6 and V8 migrations (keyed entries
 * and the seal), the row lock that makes concurrent writers take turns, timestamps that
 * survive the round trip, and the history endpoints.
 */
@IncidentDeskTest
class HashChainTests {

	@Autowired
	TestRestTemplate http;

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

	@BothDatabases
	@Test
	void concurrentWritersForOneIncidentTakeTurns() throws Exception {
		ConcurrentTimelineWrites.secondWriterWaitsAndChainsToTheFirst(report("Busy incident"), this.records,
				this.transactions, this.jdbc, this.trail);
	}

	@BothDatabases
	@Test
	void historyAndVerificationWork() {
		// Given an incident with a comment
		Incident incident = report("Audited");
		this.incidents.comment(incident.number(), "alice", "=1+1", Visibility.PUBLIC);
		String base = "/api/v1/incidents/" + incident.number() + "/history";

		// Then its history and an intact chain can be read
		List<Map<String, Object>> history = this.http.withBasicAuth("audrey", "demo")
			.exchange(base, HttpMethod.GET, null, new ParameterizedTypeReference<List<Map<String, Object>>>() {
			})
			.getBody();
		assertThat(history).anyMatch(entry -> "=1+1".equals(entry.get("description")))
			.anyMatch(entry -> "PROCESS".equals(entry.get("source")));
		assertThat(verification(base)).containsEntry("intact", true);
		assertThat(this.http.withBasicAuth("audrey", "demo").getForObject(base + "?format=csv", String.class))
			.contains(",'=1+1,");

		// And a change in the database is found
		long id = this.jdbc.sql("select id from incident_activity where incident_id = :id and body = '=1+1'")
			.param("id", incident.id())
			.query(Long.class)
			.single();
		this.jdbc.sql("update incident_activity set body = 'forged' where id = :id").param("id", id).update();
		assertThat(verification(base)).containsEntry("intact", false).containsEntry("firstBrokenEntryId", (int) id);
	}

	@BothDatabases
	@Test
	void keyedEntriesAndTheSealWork() {
		// Given an incident with comments, keyed and sealed by the V8 schema
		Incident incident = report("Sealed");
		this.incidents.comment(incident.number(), "alice", "First.", Visibility.PUBLIC);
		this.incidents.comment(incident.number(), "alice", "Newest.", Visibility.PUBLIC);
		String base = "/api/v1/incidents/" + incident.number() + "/history";
		List<Long> ids = this.jdbc.sql("select id from incident_activity where incident_id = :id order by id")
			.param("id", incident.id())
			.query(Long.class)
			.list();
		assertThat(this.jdbc.sql("select distinct hash_scheme from incident_activity where incident_id = :id")
			.param("id", incident.id())
			.query(String.class)
			.list()).containsExactly("HMAC_SHA256");
		assertThat(this.jdbc.sql("select entries from incident_activity_seal where incident_id = :id")
			.param("id", incident.id())
			.query(Long.class)
			.single()).isEqualTo(ids.size());
		assertThat(verification(base)).containsEntry("intact", true).containsEntry("scheme", "HMAC_SHA256");

		// When the newest entry is deleted, then the seal finds it
		long newest = ids.get(ids.size() - 1);
		this.jdbc.sql("delete from incident_activity where id = :id").param("id", newest).update();
		assertThat(verification(base)).containsEntry("intact", false).containsEntry("firstBrokenEntryId", (int) newest);
	}

	private Map<String, Object> verification(String base) {
		return this.http.withBasicAuth("audrey", "demo")
			.exchange(base + "/verification", HttpMethod.GET, null,
					new ParameterizedTypeReference<Map<String, Object>>() {
					})
			.getBody();
	}

	private Incident report(String summary) {
		return this.incidents.report(TestReports.report(summary).description("Reported in a hash chain test.").build());
	}

}

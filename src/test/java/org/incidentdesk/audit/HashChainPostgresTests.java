package org.incidentdesk.audit;

import org.incidentdesk.TestReports;
import java.util.List;
import java.util.Map;

import org.incidentdesk.incident.Activity.Visibility;
import org.incidentdesk.incident.Channel;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentRecords;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.Level;
import org.incidentdesk.incident.ReportIncident;
import org.incidentdesk.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hash chain on a real PostgreSQL (embedded binaries): the V6 and V8 migrations
 * (keyed entries and the seal), the row lock that makes concurrent writers take turns,
 * timestamps that survive the round trip, and the history endpoints.
 */
@PostgresTest
class HashChainPostgresTests {

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
	void concurrentWritersForOneIncidentTakeTurnsOnPostgresql() throws Exception {
		ConcurrentTimelineWrites.secondWriterWaitsAndChainsToTheFirst(report("Busy incident on PostgreSQL"),
				this.records, this.transactions, this.jdbc, this.trail);
	}

	@Test
	void historyAndVerificationWorkOnPostgresql() {
		// Given an incident with a comment
		Incident incident = report("Audited on PostgreSQL");
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

	@Test
	void keyedEntriesAndTheSealWorkOnPostgresql() {
		// Given an incident with comments, keyed and sealed by the V8 schema
		Incident incident = report("Sealed on PostgreSQL");
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
		return this.incidents
			.report(TestReports.report(summary).description("Reported in a PostgreSQL hash chain test.").build());
	}

}

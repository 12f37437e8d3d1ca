package org.incidentdesk.audit;

import org.incidentdesk.TestReports;
import java.util.List;
import java.util.Map;

import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.incident.Activity.Visibility;
import org.incidentdesk.audit.internal.ActivityHash;
import org.incidentdesk.incident.Channel;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.Level;
import org.incidentdesk.incident.ReportIncident;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Somebody with write access to the database, but without the chain key, changes the
 * timeline; the verify endpoint finds it (H2, keyed as in production).
 */
@IncidentDeskTest
class TamperEvidenceTests {

	private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {
	};

	@Autowired
	TestRestTemplate http;

	@Autowired
	IncidentService incidents;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AuditTrail trail;

	@Test
	void anUntouchedChainVerifiesWithTheKey() {
		Incident incident = withComments("Untouched chain");

		assertThat(verification(incident)).containsEntry("intact", true)
			.containsEntry("scheme", "HMAC_SHA256")
			.containsEntry("entries", ids(incident).size())
			.doesNotContainKeys("firstBrokenEntryId", "reason");
		assertThat(this.jdbc.sql("select distinct hash_scheme from incident_activity where incident_id = :id")
			.param("id", incident.id())
			.query(String.class)
			.list()).containsExactly("HMAC_SHA256");
	}

	@Test
	void deletingTheNewestEntryIsFound() {
		// Given an incident whose chain is intact
		Incident incident = withComments("Newest entry deleted");
		List<Long> ids = ids(incident);
		long newest = ids.get(ids.size() - 1);

		// When somebody deletes its newest entry, so the rest still links up
		this.jdbc.sql("delete from incident_activity where id = :id").param("id", newest).update();

		// Then verification finds the gap at that entry
		Map<String, Object> verification = verification(incident);
		assertThat(verification).containsEntry("intact", false).containsEntry("firstBrokenEntryId", (int) newest);
		assertThat(verification.get("reason")).asString().contains("the newest 1 entries were removed");

		// And a later entry does not paper over it
		this.incidents.comment(incident.number(), "alice", "Written after the deletion.", Visibility.PUBLIC);
		assertThat(verification(incident)).containsEntry("intact", false);
	}

	@Test
	void anEntryRecomputedWithoutTheKeyIsFound() {
		// Given an incident whose chain is intact
		Incident incident = withComments("Recomputed without the key");
		TrailEntry newest = this.trail.entries(incident.id()).get(ids(incident).size() - 1);

		// When somebody changes the newest entry and hashes it again as plain SHA-256,
		// moving the seal's hash along
		String forged = ActivityHash.of(newest.incidentId(), newest.kind(), newest.visibility(), newest.author(),
				"Forged words.", newest.field(), newest.oldValue(), newest.newValue(), newest.createdAt(),
				newest.previousHash());
		this.jdbc
			.sql("update incident_activity set body = 'Forged words.', hash = :hash, hash_scheme = 'UNKEYED_SHA256' "
					+ "where id = :id")
			.param("hash", forged)
			.param("id", newest.id())
			.update();
		this.jdbc.sql("update incident_activity_seal set last_hash = :hash where incident_id = :id")
			.param("hash", forged)
			.param("id", incident.id())
			.update();

		// Then verification names that entry
		Map<String, Object> verification = verification(incident);
		assertThat(verification).containsEntry("intact", false).containsEntry("firstBrokenEntryId", (int) newest.id());
		assertThat(verification.get("reason")).asString().contains("without the chain key");

		// And claiming the keyed scheme for it does not help
		this.jdbc.sql("update incident_activity set hash_scheme = 'HMAC_SHA256' where id = :id")
			.param("id", newest.id())
			.update();
		assertThat(verification(incident)).containsEntry("intact", false)
			.containsEntry("firstBrokenEntryId", (int) newest.id());
	}

	@Test
	void aDeletedSealIsFound() {
		Incident incident = withComments("Seal deleted");

		this.jdbc.sql("delete from incident_activity_seal where incident_id = :id").param("id", incident.id()).update();

		assertThat(verification(incident)).containsEntry("intact", false)
			.extractingByKey("reason")
			.asString()
			.contains("seal is missing");
	}

	private Incident withComments(String summary) {
		Incident incident = this.incidents
			.report(TestReports.report(summary).description("Reported in a tamper evidence test.").build());
		this.incidents.comment(incident.number(), "alice", "The original words.", Visibility.PUBLIC);
		this.incidents.comment(incident.number(), "sam", "A later note.", Visibility.INTERNAL);
		return incident;
	}

	private List<Long> ids(Incident incident) {
		return this.jdbc.sql("select id from incident_activity where incident_id = :id order by id")
			.param("id", incident.id())
			.query(Long.class)
			.list();
	}

	private Map<String, Object> verification(Incident incident) {
		return this.http.withBasicAuth("audrey", "demo")
			.exchange("/api/v1/incidents/" + incident.number() + "/history/verification", HttpMethod.GET, null, OBJECT)
			.getBody();
	}

}

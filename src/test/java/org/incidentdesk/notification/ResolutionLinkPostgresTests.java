package org.incidentdesk.notification;

import com.icegreen.greenmail.util.GreenMailUtil;
import org.camunda.bpm.engine.TaskService;
import org.incidentdesk.PostgresMailTest;
import org.incidentdesk.TestMailServer;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentRecords;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.IncidentState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.incidentdesk.notification.ResolutionLinkSteps.tag;

/**
 * The resolution links on a real PostgreSQL: the V10 table, the lookup by token hash, the
 * conditional update that uses a link up once, and the supersession by a new resolution.
 * Shares the PostgreSQL mail context with the inbound mail tests.
 */
@PostgresMailTest
class ResolutionLinkPostgresTests {

	@Autowired
	MailDelivery delivery;

	@Autowired
	IncidentService incidents;

	@Autowired
	IncidentRecords records;

	@Autowired
	TaskService tasks;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestRestTemplate http;

	ResolutionLinkSteps steps;

	@BeforeEach
	void steps() {
		this.steps = new ResolutionLinkSteps(TestMailServer.greenMail(), TestMailServer.PUBLIC_URL, this.delivery,
				this.incidents, this.records, this.tasks, this.http);
	}

	@Test
	void aLinkShowsTheQuestionConfirmsOnceAndIsThenGoneOnPostgresql() throws Exception {
		// Given alice's resolved incident and the link in her resolution mail
		Incident incident = this.steps.resolved(this.steps.report("alice", "acme", "Scanner offline " + tag()),
				"Reinstalled the driver.");
		String link = this.steps.linkInResolutionMail(incident, "alice@acme.example", "confirm");

		// When she opens it, then she sees the question and nothing changes
		ResponseEntity<String> page = this.http.getForEntity(link + "?answer=confirm", String.class);
		assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(page.getBody()).contains(incident.number(), "Reinstalled the driver.", "Is your problem solved?");
		assertThat(this.records.get(incident.number()).state()).isEqualTo(IncidentState.RESOLVED);
		assertThat(this.jdbc.sql("select count(*) from resolution_link where incident_id = :id and used_at is null")
			.param("id", incident.id())
			.query(Long.class)
			.single()).isEqualTo(1);

		// When she confirms
		ResponseEntity<String> answered = this.steps.post(link, "confirm", null);

		// Then the incident is closed as confirmed, and the link is used up
		assertThat(answered.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(answered.getBody()).contains("You confirmed the resolution of incident " + incident.number());
		Incident closed = this.records.get(incident.number());
		assertThat(closed.state()).isEqualTo(IncidentState.CLOSED);
		assertThat(closed.closureCode()).isEqualTo("CONFIRMED_BY_CALLER");
		assertThat(this.jdbc.sql("select count(*) from resolution_link where incident_id = :id and used_at is not null")
			.param("id", incident.id())
			.query(Long.class)
			.single()).isEqualTo(1);

		// And a second use answers 410, for the answer and the page alike
		ResponseEntity<String> again = this.steps.post(link, "reject", "Changed my mind");
		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.GONE);
		assertThat(again.getBody()).contains("This link has already been used.");
		assertThat(this.http.getForEntity(link, String.class).getStatusCode()).isEqualTo(HttpStatus.GONE);
		assertThat(this.records.get(incident.number()).state()).isEqualTo(IncidentState.CLOSED);
	}

	@Test
	void aNewResolutionSupersedesTheEarlierLinkOnPostgresql() throws Exception {
		// Given a resolution that alice rejected in the portal, and a second resolution
		Incident incident = this.steps.resolved(this.steps.report("alice", "acme", "Headset crackles " + tag()),
				"New cable.");
		String first = this.steps.linkInResolutionMail(incident, "alice@acme.example", "confirm");
		this.steps.asCaller("alice", () -> this.incidents.answerResolution(incident.number(), incident.callerId(),
				false, "Still crackles."));
		this.steps.resolved(incident, "New headset.");
		var resolutionMails = this.steps.mails(incident, "alice@acme.example", "Your incident was resolved");
		assertThat(resolutionMails).hasSize(2);
		String second = this.steps.link(GreenMailUtil.getBody(resolutionMails.get(1)), "confirm");

		// When she opens the first link again
		ResponseEntity<String> old = this.http.getForEntity(first, String.class);

		// Then it is superseded, and the second one works
		assertThat(old.getStatusCode()).isEqualTo(HttpStatus.GONE);
		assertThat(old.getBody()).contains("This link belongs to an earlier resolution");
		assertThat(this.steps.post(first, "confirm", null).getStatusCode()).isEqualTo(HttpStatus.GONE);
		assertThat(this.jdbc
			.sql("select count(*) from resolution_link where incident_id = :id"
					+ " and resolution_round = 0 and superseded_at is not null")
			.param("id", incident.id())
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(this.steps.post(second, "confirm", null).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(this.records.get(incident.number()).state()).isEqualTo(IncidentState.CLOSED);
	}

}

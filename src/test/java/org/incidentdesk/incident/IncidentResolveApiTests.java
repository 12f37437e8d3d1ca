package org.incidentdesk.incident;

import org.incidentdesk.TestReports;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.incidentdesk.IncidentDeskTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Staff resolve an incident through the API, with the same checks as in Tasklist. */
@IncidentDeskTest
class IncidentResolveApiTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	IncidentService incidents;

	@Autowired
	IncidentRecords records;

	@Test
	void theServiceDeskResolvesAnIncidentInTriage() {
		Incident incident = report("Monitor cable loose");

		ResponseEntity<String> resolved = resolve("sam", incident,
				Map.of("resolutionCode", "SOLVED_PERMANENTLY", "resolutionNotes", "Reseated the cable."));

		assertThat(resolved.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		Incident after = this.records.get(incident.number());
		assertThat(after.state()).isEqualTo(IncidentState.RESOLVED);
		assertThat(after.resolutionNotes()).isEqualTo("Reseated the cable.");
		assertThat(after.firstContactResolution()).isTrue();

		// and a resolved incident cannot be resolved again
		assertThat(resolve("sam", incident, Map.of("resolutionCode", "SOLVED_PERMANENTLY", "resolutionNotes", "Again."))
			.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
	}

	@Test
	void onlyTheGroupWorkingOnItCanResolveItAndTheOutcomeIsChecked() {
		Incident incident = report("Docking station not charging");

		ResponseEntity<String> otherTeam = resolve("ivan", incident,
				Map.of("resolutionCode", "SOLVED_PERMANENTLY", "resolutionNotes", "Replaced it."));
		ResponseEntity<String> caller = resolve("alice", incident,
				Map.of("resolutionCode", "SOLVED_PERMANENTLY", "resolutionNotes", "Fixed."));
		ResponseEntity<String> unknownCode = resolve("sam", incident,
				Map.of("resolutionCode", "FIXED_SOMEHOW", "resolutionNotes", "Replaced it."));
		ResponseEntity<String> noNotes = resolve("sam", incident, Map.of("resolutionCode", "SOLVED_PERMANENTLY"));

		assertThat(otherTeam.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(otherTeam.getBody()).contains("only that group can resolve it");
		assertThat(caller.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(unknownCode.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(unknownCode.getBody()).contains("Choose a resolution code");
		assertThat(noNotes.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(noNotes.getBody()).contains("resolutionNotes");
		assertThat(this.records.get(incident.number()).state()).isEqualTo(IncidentState.NEW);
	}

	private ResponseEntity<String> resolve(String user, Incident incident, Map<String, String> body) {
		return this.http.withBasicAuth(user, "demo")
			.postForEntity("/api/v1/incidents/" + incident.number() + "/resolve", body, String.class);
	}

	private Incident report(String summary) {
		return this.incidents.report(TestReports.report(summary)
			.by("acme", "bob")
			.via(Channel.PHONE)
			.description(null)
			.category("hardware")
			.build());
	}

}

package org.incidentdesk.incident;

import org.incidentdesk.TestReports;
import org.incidentdesk.IncidentDeskTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Confirming, rejecting and withdrawing are the caller's alone, and the service itself
 * says so, whichever way in (API, portal, mail link, inbound mail) asks it.
 */
@IncidentDeskTest
class CallerOnlyAnswersTests {

	@Autowired
	IncidentService incidents;

	@Autowired
	IncidentRecords records;

	@Test
	void nobodyButTheCallerWithdrawsTheIncident() {
		Incident incident = report();
		for (String other : new String[] { "bob", "sam", "demo" }) {
			assertThatThrownBy(() -> this.incidents.withdraw(incident.number(), other, "Not mine to withdraw"))
				.isInstanceOf(ActionNotAllowedException.class)
				.hasMessage("Only the caller of " + incident.number() + " can withdraw it.");
		}
		assertThat(this.records.get(incident.number()).state()).isEqualTo(incident.state());

		this.incidents.withdraw(incident.number(), "alice", "Found the cable.");
		assertThat(this.records.get(incident.number()).state()).isEqualTo(IncidentState.CANCELLED);
	}

	@Test
	void nobodyButTheCallerAnswersTheResolution() {
		Incident incident = report();
		this.incidents.resolve(incident.number(), new org.incidentdesk.system.CurrentUser("sam",
				java.util.List.of("service-desk"), java.util.List.of("acme")), "SOLVED_WORKAROUND", "Replugged it.");
		assertThatThrownBy(() -> this.incidents.answerResolution(incident.number(), "bob", true, null))
			.isInstanceOf(ActionNotAllowedException.class)
			.hasMessageContaining("Only the caller");
		assertThat(this.records.get(incident.number()).state()).isEqualTo(IncidentState.RESOLVED);

		this.incidents.answerResolution(incident.number(), "alice", true, null);
		assertThat(this.records.get(incident.number()).state()).isEqualTo(IncidentState.CLOSED);
	}

	private Incident report() {
		return this.incidents.report(TestReports.report("Monitor flickers")
			.description("Reported by a caller-only test.")
			.category("hardware")
			.build());
	}

}

package org.incidentdesk.alert;

import org.incidentdesk.incident.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SeverityTests {

	@Test
	void criticalAlertsAreHighImpactAndHighUrgency() {
		// When
		Severity severity = Severity.of("critical");

		// Then
		assertThat(severity.impact()).isEqualTo(Level.HIGH);
		assertThat(severity.urgency()).isEqualTo(Level.HIGH);
	}

	@Test
	void warningsAreMediumImpactAndMediumUrgency() {
		// When
		Severity severity = Severity.of("warning");

		// Then
		assertThat(severity.impact()).isEqualTo(Level.MEDIUM);
		assertThat(severity.urgency()).isEqualTo(Level.MEDIUM);
	}

	@Test
	void informationalAlertsAreLowImpactAndLowUrgency() {
		// When
		Severity severity = Severity.of("info");

		// Then
		assertThat(severity.impact()).isEqualTo(Level.LOW);
		assertThat(severity.urgency()).isEqualTo(Level.LOW);
	}

	@Test
	void readsTheLabelRegardlessOfCaseAndSpaces() {
		assertThat(Severity.of(" Critical ")).isEqualTo(Severity.CRITICAL);
		assertThat(Severity.of("INFO")).isEqualTo(Severity.INFO);
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "page", "error", "sev1" })
	void missingOrUnknownSeveritiesAreMediumImpactAndMediumUrgency(String label) {
		// When
		Severity severity = Severity.of(label);

		// Then
		assertThat(severity).isEqualTo(Severity.UNKNOWN);
		assertThat(severity.impact()).isEqualTo(Level.MEDIUM);
		assertThat(severity.urgency()).isEqualTo(Level.MEDIUM);
	}

}

package org.incidentdesk.alert;

import java.util.Locale;

import org.incidentdesk.incident.Level;

/**
 * The {@code severity} label of an alert, and the impact and urgency of the incident it
 * opens.
 */
enum Severity {

	CRITICAL(Level.HIGH, Level.HIGH), WARNING(Level.MEDIUM, Level.MEDIUM), INFO(Level.LOW, Level.LOW),
	/** No or an unknown severity label: the service desk triages it like a warning. */
	UNKNOWN(Level.MEDIUM, Level.MEDIUM);

	private final Level impact;

	private final Level urgency;

	Severity(Level impact, Level urgency) {
		this.impact = impact;
		this.urgency = urgency;
	}

	static Severity of(String label) {
		if (label == null) {
			return UNKNOWN;
		}
		return switch (label.trim().toLowerCase(Locale.ROOT)) {
			case "critical" -> CRITICAL;
			case "warning" -> WARNING;
			case "info" -> INFO;
			default -> UNKNOWN;
		};
	}

	Level impact() {
		return this.impact;
	}

	Level urgency() {
		return this.urgency;
	}

}

package org.incidentdesk.alert;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.incidentdesk.alert.AlertmanagerWebhook.Alert;

/** How an alert reads as an incident: summary, description and category. */
final class AlertTranslation {

	static final int MAX_SUMMARY = 200;

	static final int MAX_DESCRIPTION = 4000;

	static final Set<String> CATEGORIES = Set.of("hardware", "software", "network", "access", "email", "other");

	private AlertTranslation() {
	}

	/** The summary annotation, else the alert's name, else its fingerprint. */
	static String summary(Alert alert, String fingerprint) {
		String summary = firstNonBlank(alert.annotation("summary"), alert.label("alertname"));
		return truncate((summary != null) ? summary.strip() : "Monitoring alert " + fingerprint, MAX_SUMMARY);
	}

	/**
	 * The description annotation, the labels, where the alert comes from and, when the
	 * alert named a configuration item the CMDB does not know, that it did.
	 */
	static String description(Alert alert, String unknownCiNote) {
		StringBuilder text = new StringBuilder();
		String description = alert.annotation("description");
		if (description != null && !description.isBlank()) {
			text.append(description.strip()).append("\n\n");
		}
		text.append("Labels:\n");
		new TreeMap<>(alert.labels()).forEach((name,
				value) -> text.append("  ").append(name).append('=').append((value != null) ? value : "").append('\n'));
		if (alert.startsAt() != null) {
			text.append("Firing since: ").append(DateTimeFormatter.ISO_INSTANT.format(alert.startsAt())).append('\n');
		}
		if (alert.generatorURL() != null && !alert.generatorURL().isBlank()) {
			text.append("Source: ").append(alert.generatorURL().strip()).append('\n');
		}
		if (unknownCiNote != null) {
			text.append(unknownCiNote).append('\n');
		}
		return truncate(text.toString().stripTrailing(), MAX_DESCRIPTION);
	}

	/**
	 * The {@code category} label if it is one of the incident categories, else "other".
	 */
	static String category(Map<String, String> labels) {
		String category = labels.get("category");
		if (category != null) {
			category = category.trim().toLowerCase(Locale.ROOT);
			if (CATEGORIES.contains(category)) {
				return category;
			}
		}
		return "other";
	}

	/**
	 * Cuts the text to at most {@code max} characters, marking the cut, never inside a
	 * surrogate pair.
	 */
	static String truncate(String text, int max) {
		if (text.length() <= max) {
			return text;
		}
		int end = max - 1;
		if (Character.isHighSurrogate(text.charAt(end - 1))) {
			end--;
		}
		return text.substring(0, end) + "…";
	}

	private static String firstNonBlank(String... values) {
		for (String value : values) {
			if (value != null && !value.isBlank()) {
				return value;
			}
		}
		return null;
	}

}

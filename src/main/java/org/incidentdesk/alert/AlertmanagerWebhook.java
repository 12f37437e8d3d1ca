package org.incidentdesk.alert;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A Prometheus Alertmanager webhook notification, version 4. Every field of the format is
 * declared; unknown fields are ignored here only (the application refuses them elsewhere)
 * because Alertmanager adds fields from release to release and an upgrade must not stop
 * incidents.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record AlertmanagerWebhook(String version, String groupKey, Integer truncatedAlerts,
		@Pattern(regexp = AlertmanagerWebhook.STATUS, message = "must be 'firing' or 'resolved'") String status,
		String receiver, Map<String, String> groupLabels, Map<String, String> commonLabels,
		Map<String, String> commonAnnotations, String externalURL,
		@NotEmpty(message = "must contain at least one alert") List<@NotNull @Valid Alert> alerts) {

	static final String STATUS = "firing|resolved";

	static final String FIRING = "firing";

	static final String RESOLVED = "resolved";

	/**
	 * One alert of the notification.
	 *
	 * @param labels what identifies the alert; {@code alertname} names it
	 * @param endsAt when it ended; Alertmanager sends {@code 0001-01-01T00:00:00Z} while
	 * it fires
	 * @param fingerprint Alertmanager's identity of the alert; computed from the labels
	 * when absent
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Alert(
			@NotNull(message = "must be 'firing' or 'resolved'") @Pattern(regexp = STATUS,
					message = "must be 'firing' or 'resolved'") String status,
			@NotEmpty(
					message = "must identify the alert, at least with an 'alertname' label") Map<String, String> labels,
			Map<String, String> annotations, OffsetDateTime startsAt, OffsetDateTime endsAt, String generatorURL,
			@Size(max = 64, message = "must have at most 64 characters") String fingerprint) {

		boolean isFiring() {
			return FIRING.equals(this.status);
		}

		String label(String name) {
			return (this.labels != null) ? this.labels.get(name) : null;
		}

		String annotation(String name) {
			return (this.annotations != null) ? this.annotations.get(name) : null;
		}

	}

}

package org.incidentdesk.alert;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.incidentdesk.alert.AlertOutcome.Action;
import org.incidentdesk.alert.AlertmanagerWebhook.Alert;
import org.incidentdesk.cmdb.Cmdb;
import org.incidentdesk.cmdb.ConfigurationItem;
import org.incidentdesk.incident.Channel;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentTimeline;
import org.incidentdesk.incident.Incidents;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.IncidentState;
import org.incidentdesk.incident.ReportIncident;
import org.incidentdesk.system.ConflictRetry;
import org.incidentdesk.system.EngineClock;
import org.springframework.stereotype.Service;

import static java.time.format.DateTimeFormatter.ISO_INSTANT;

/**
 * Turns monitoring alerts into incidents: a new alert opens one, the same alert firing
 * again while its incident lives is counted on it, and a resolved alert is noted on it.
 */
@Service
class AlertIntake {

	/** Alertmanager's "no end yet" for alerts that still fire. */
	private static final int NO_END_YEAR = 1;

	private final AlertOccurrences occurrences;

	private final IncidentService incidents;

	private final Incidents records;

	private final IncidentTimeline timeline;

	private final Cmdb cmdb;

	private final EngineClock clock;

	private final ConflictRetry retry;

	AlertIntake(AlertOccurrences occurrences, IncidentService incidents, Incidents records, IncidentTimeline timeline,
			Cmdb cmdb, EngineClock clock, ConflictRetry retry) {
		this.retry = retry;
		this.occurrences = occurrences;
		this.incidents = incidents;
		this.records = records;
		this.timeline = timeline;
		this.cmdb = cmdb;
		this.clock = clock;
	}

	/**
	 * Handles all alerts of one notification in one transaction: if one fails, none is
	 * recorded, and Alertmanager's retry delivers them all again. A conflict with a
	 * concurrent transaction runs the whole notification again before anybody sees it.
	 * The alerts' locks are taken in one order (by fingerprint), so two notifications
	 * never wait for each other in a circle.
	 * @param userId the service account the alerts arrive as; it becomes the incidents'
	 * caller
	 */
	List<AlertOutcome> receive(String tenantId, String userId, AlertmanagerWebhook notification) {
		return this.retry.inTransaction(() -> receiveOnce(tenantId, userId, notification));
	}

	private List<AlertOutcome> receiveOnce(String tenantId, String userId, AlertmanagerWebhook notification) {
		List<String> fingerprints = notification.alerts().stream().map(AlertIntake::fingerprintOf).toList();
		this.occurrences.lock(tenantId, new TreeSet<>(fingerprints));
		List<AlertOutcome> outcomes = new ArrayList<>();
		for (int i = 0; i < fingerprints.size(); i++) {
			Alert alert = notification.alerts().get(i);
			String fingerprint = fingerprints.get(i);
			outcomes.add(alert.isFiring() ? fired(tenantId, userId, alert, fingerprint)
					: resolved(tenantId, alert, fingerprint));
		}
		return outcomes;
	}

	static String fingerprintOf(Alert alert) {
		return (alert.fingerprint() != null && !alert.fingerprint().isBlank()) ? alert.fingerprint().trim()
				: Fingerprints.of(alert.labels());
	}

	private AlertOutcome fired(String tenantId, String userId, Alert alert, String fingerprint) {
		OffsetDateTime now = this.clock.nowUtc();
		Optional<AlertOccurrence> latest = this.occurrences.latest(tenantId, fingerprint);
		if (latest.isPresent() && isLive(tenantId, latest.get())) {
			int count = this.occurrences.firedAgain(latest.get(), now);
			this.timeline.recordMonitoring(latest.get().incidentNumber(),
					"Alert fired again (occurrence " + count + ")");
			return new AlertOutcome(fingerprint, latest.get().incidentNumber(), Action.REPEATED);
		}
		Optional<ConfigurationItem> ci = configurationItem(tenantId, alert);
		String unknownCiNote = ci.isPresent() ? null : unknownCiNote(tenantId, alert);
		Severity severity = Severity.of(alert.label("severity"));
		Incident incident = this.incidents.report(new ReportIncident(tenantId, userId, null, Channel.MONITORING,
				AlertTranslation.summary(alert, fingerprint), AlertTranslation.description(alert, unknownCiNote),
				AlertTranslation.category(alert.labels()), ci.map(ConfigurationItem::name).orElse(null),
				severity.impact(), severity.urgency()));
		this.occurrences.opened(tenantId, fingerprint, incident.number(), now);
		return new AlertOutcome(fingerprint, incident.number(), Action.OPENED);
	}

	private AlertOutcome resolved(String tenantId, Alert alert, String fingerprint) {
		Optional<AlertOccurrence> latest = this.occurrences.latest(tenantId, fingerprint);
		if (latest.isEmpty() || !isLive(tenantId, latest.get())) {
			return new AlertOutcome(fingerprint, null, Action.IGNORED);
		}
		OffsetDateTime now = this.clock.nowUtc();
		boolean endSent = alert.endsAt() != null && alert.endsAt().getYear() > NO_END_YEAR;
		this.timeline.recordMonitoring(latest.get().incidentNumber(), "Monitoring reports the alert resolved at "
				+ (endSent ? ISO_INSTANT.format(alert.endsAt()) : ISO_INSTANT.format(now) + " (time received)"));
		this.occurrences.resolved(latest.get(), now);
		return new AlertOutcome(fingerprint, latest.get().incidentNumber(), Action.RESOLVED_NOTED);
	}

	/**
	 * An incident still lives while it is open or resolved (the caller may yet reject the
	 * resolution); a closed or cancelled one is history, and the alert opens a new
	 * incident.
	 */
	private boolean isLive(String tenantId, AlertOccurrence occurrence) {
		return this.records.find(occurrence.incidentNumber())
			.filter(incident -> incident.tenantId().equals(tenantId))
			.map(incident -> incident.state().isOpen() || incident.state() == IncidentState.RESOLVED)
			.orElse(false);
	}

	/**
	 * The item named by the {@code ci} label, else by the {@code instance} label (also
	 * without its port, as in {@code host:9100}), if the tenant's CMDB has it.
	 */
	private Optional<ConfigurationItem> configurationItem(String tenantId, Alert alert) {
		for (String name : candidateCiNames(alert)) {
			Optional<ConfigurationItem> ci = this.cmdb.findByName(tenantId, name);
			if (ci.isPresent()) {
				return ci;
			}
		}
		return Optional.empty();
	}

	private static List<String> candidateCiNames(Alert alert) {
		List<String> names = new ArrayList<>();
		String ci = alert.label("ci");
		if (ci != null && !ci.isBlank()) {
			names.add(ci.trim());
		}
		String instance = alert.label("instance");
		if (instance != null && !instance.isBlank()) {
			names.add(instance.trim());
			int port = instance.lastIndexOf(':');
			if (port > 0) {
				names.add(instance.substring(0, port).trim());
			}
		}
		return names;
	}

	private static String unknownCiNote(String tenantId, Alert alert) {
		List<String> names = candidateCiNames(alert);
		if (names.isEmpty()) {
			return "Configuration item: none; the alert has no 'ci' or 'instance' label.";
		}
		return "Configuration item: none; " + String.join(", ", names.stream().map(n -> "'" + n + "'").toList())
				+ " (from the 'ci' or 'instance' label) is not in the CMDB of " + tenantId + ".";
	}

}

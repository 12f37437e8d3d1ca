package org.incidentdesk.report;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.incidentdesk.incident.Channel;
import org.incidentdesk.system.CsvWriter;

/**
 * The figures of a period, per customer organisation the reader may see.
 *
 * @param from the start of the period (inclusive)
 * @param to the end of the period (exclusive)
 * @param timeZone the time zone whose days the period and the figures per day are in
 * @param tenants the figures of each organisation with something to count
 */
public record IncidentReport(OffsetDateTime from, OffsetDateTime to, String timeZone, List<TenantFigures> tenants) {

	/** The priorities a report counts separately. */
	public static final List<String> PRIORITIES = List.of("P1", "P2", "P3", "P4", "P5");

	/**
	 * The report as CSV for a spreadsheet: a line per organisation. The figures per day
	 * and per group are only in the JSON.
	 */
	public String csv() {
		List<String> header = new ArrayList<>(List.of("tenant", "from", "to", "opened"));
		for (Channel channel : Channel.values()) {
			header.add("opened_" + channel.name().toLowerCase(Locale.ROOT));
		}
		PRIORITIES.forEach(priority -> header.add("opened_" + priority.toLowerCase(Locale.ROOT)));
		header.addAll(List.of("major_incidents", "resolved", "closed", "cancelled", "open_now", "sla_met",
				"sla_breached", "mean_minutes_to_respond", "mean_minutes_to_resolve", "first_contact_resolutions",
				"escalations", "hierarchical_escalations", "reopens", "deflections", "paused_incidents",
				"paused_seconds", "mean_paused_seconds", "paused_now"));
		PRIORITIES.forEach(priority -> header.add("open_now_" + priority.toLowerCase(Locale.ROOT)));
		header.addAll(List.of("at_risk_now", "breached_now", "reopened_incidents"));
		CsvWriter csv = new CsvWriter().line(header);
		for (TenantFigures t : this.tenants) {
			List<Object> cells = new ArrayList<>(
					List.of(t.tenantId(), this.from.toLocalDate(), this.to.toLocalDate(), t.opened()));
			for (Channel channel : Channel.values()) {
				cells.add(t.openedByChannel().getOrDefault(channel.name(), 0L));
			}
			PRIORITIES.forEach(priority -> cells.add(t.openedByPriority().getOrDefault(priority, 0L)));
			cells.addAll(List.of(t.majorIncidents(), t.resolved(), t.closed(), t.cancelled(), t.openNow(), t.slaMet(),
					t.slaBreached()));
			cells.add(oneDecimal(t.meanMinutesToRespond()));
			cells.add(oneDecimal(t.meanMinutesToResolve()));
			cells.addAll(List.of(t.firstContactResolutions(), t.escalations(), t.hierarchicalEscalations(), t.reopens(),
					t.deflections(), t.pausedIncidents(), t.pausedSeconds()));
			cells.add(oneDecimal(t.meanPausedSeconds()));
			cells.add(t.pausedNow());
			PRIORITIES.forEach(priority -> cells.add(t.openNowByPriority().getOrDefault(priority, 0L)));
			cells.addAll(List.of(t.atRiskNow(), t.breachedNow(), t.reopenedIncidents()));
			csv.line(cells);
		}
		return csv.toString();
	}

	/** The name the CSV downloads as. */
	public String csvFileName() {
		return "incidents-" + this.from.toLocalDate() + "-" + this.to.toLocalDate() + ".csv";
	}

	private static String oneDecimal(Double value) {
		return (value != null) ? String.format(Locale.ROOT, "%.1f", value) : "";
	}

}

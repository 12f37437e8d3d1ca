package org.incidentdesk.portal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.incidentdesk.report.IncidentReport;
import org.incidentdesk.report.ReportPeriod;
import org.incidentdesk.report.TenantFigures;

/**
 * What the manager dashboard shows, added up from a report over the organisations it
 * covers: the figures of every chart as rows, which the page shows as tables beside the
 * charts and the charts are drawn from, and the rates.
 *
 * @param tenants open, at risk and breached now, per organisation
 * @param priorities open now per priority, P1 to P5 always, unclassified when there are
 * such
 * @param groups open now per assigned group, most first
 * @param days opened and resolved per day of the period, every day
 */
record Dashboard(List<TenantRow> tenants, List<Row> priorities, List<Row> groups, List<DayRow> days, long opened,
		long resolved, long closed, long openNow, long atRiskNow, long breachedNow, Double meanMinutesToResolve,
		long firstContactResolutions, long reopenedIncidents, long deflections) {

	/** The key of incidents without priority or group in the report. */
	static final String NONE = "-";

	static Dashboard of(IncidentReport report, ReportPeriod period, Map<String, String> tenantNames,
			Map<String, String> groupNames) {
		List<TenantRow> tenants = new ArrayList<>();
		Map<String, Long> priorities = new TreeMap<>();
		IncidentReport.PRIORITIES.forEach(priority -> priorities.put(priority, 0L));
		Map<String, Long> groups = new TreeMap<>();
		Map<LocalDate, long[]> days = new TreeMap<>();
		period.days().forEach(day -> days.put(day, new long[2]));
		long opened = 0, resolved = 0, closed = 0, openNow = 0, atRisk = 0, breached = 0, firstContact = 0,
				reopened = 0, deflections = 0;
		double minutesToResolve = 0;
		for (TenantFigures t : report.tenants()) {
			tenants.add(new TenantRow(t.tenantId(), tenantNames.getOrDefault(t.tenantId(), t.tenantId()), t.openNow(),
					t.atRiskNow(), t.breachedNow()));
			t.openNowByPriority().forEach((priority, n) -> priorities.merge(priority, n, Long::sum));
			t.openNowByGroup().forEach((group, n) -> groups.merge(group, n, Long::sum));
			t.openedPerDay().forEach((day, n) -> days.computeIfAbsent(day, d -> new long[2])[0] += n);
			t.resolvedPerDay().forEach((day, n) -> days.computeIfAbsent(day, d -> new long[2])[1] += n);
			opened += t.opened();
			resolved += t.resolved();
			closed += t.closed();
			openNow += t.openNow();
			atRisk += t.atRiskNow();
			breached += t.breachedNow();
			firstContact += t.firstContactResolutions();
			reopened += t.reopenedIncidents();
			deflections += t.deflections();
			// Every closed incident was resolved, so each tenant's mean is over its
			// closed
			// incidents, and weighing it by them gives the mean over all.
			if (t.meanMinutesToResolve() != null) {
				minutesToResolve += t.meanMinutesToResolve() * t.closed();
			}
		}
		List<Row> groupRows = groups.entrySet()
			.stream()
			.map(group -> new Row(group.getKey(),
					NONE.equals(group.getKey()) ? null : groupNames.getOrDefault(group.getKey(), group.getKey()),
					group.getValue()))
			.sorted(Comparator.comparingLong(Row::count).reversed().thenComparing(Row::key))
			.toList();
		return new Dashboard(tenants,
				priorities.entrySet().stream().map(p -> new Row(p.getKey(), null, p.getValue())).toList(), groupRows,
				days.entrySet()
					.stream()
					.map(day -> new DayRow(day.getKey(), day.getValue()[0], day.getValue()[1]))
					.toList(),
				opened, resolved, closed, openNow, atRisk, breached, (closed > 0) ? minutesToResolve / closed : null,
				firstContact, reopened, deflections);
	}

	/**
	 * First-contact resolutions per incident closed, as a percentage; null if none
	 * closed.
	 */
	public String firstContactRate() {
		return percent(this.firstContactResolutions);
	}

	/**
	 * Incidents reopened at least once per incident closed, as a percentage; null if
	 * none.
	 */
	public String reopenRate() {
		return percent(this.reopenedIncidents);
	}

	/** The mean time to resolve in minutes, one decimal; null if none closed. */
	public String meanTimeToResolve() {
		return (this.meanMinutesToResolve != null) ? String.format(Locale.ROOT, "%.1f", this.meanMinutesToResolve)
				: null;
	}

	private String percent(long part) {
		return (this.closed > 0) ? String.format(Locale.ROOT, "%.0f%%", 100.0 * part / this.closed) : null;
	}

	/**
	 * One bar: its key (a priority or a group id, {@code -} for none), its name (a
	 * group's; null for priorities and for none) and its count.
	 */
	record Row(String key, String name, long count) {

		public boolean isNone() {
			return NONE.equals(this.key);
		}

	}

	/** One organisation: its incidents open now, and of those at risk and breached. */
	record TenantRow(String id, String name, long openNow, long atRiskNow, long breachedNow) {

	}

	/** One day of the period. */
	record DayRow(LocalDate day, long opened, long resolved) {

	}

}

package org.incidentdesk.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import org.incidentdesk.sla.SlaClock;
import org.incidentdesk.system.CurrentUser;
import org.incidentdesk.system.EngineClock;
import org.incidentdesk.system.RefusedRequestException;
import org.incidentdesk.tenancy.AccessPolicy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Computes the incident figures per tenant from the incident records, in a few grouped
 * queries whose SQL runs on H2 and PostgreSQL, for whoever may read them: the report API
 * and the portal's manager dashboard ask the same way, so they count alike.
 */
@Service
@Transactional(readOnly = true)
public class Reports {

	private static final String PERIOD = " >= :from and %s < :to";

	/**
	 * Incidents whose SLA clock still runs or is paused: not resolved, closed or
	 * cancelled.
	 */
	private static final String UNRESOLVED = "state in ('NEW', 'IN_PROGRESS', 'ON_HOLD')";

	/** The time an unresolved incident's clock has reached: its pause, or now. */
	private static final String CLOCK_AT = "coalesce(sla_paused_at, :now)";

	private static final String BREACHED = UNRESOLVED + " and (resolution_sla_breached = true or resolution_due_at <= "
			+ CLOCK_AT + ")";

	private static final String AT_RISK = UNRESOLVED + " and coalesce(resolution_sla_breached, false) = false"
			+ " and resolution_due_at > " + CLOCK_AT + " and resolution_warning_at <= " + CLOCK_AT;

	/** A quarter of an hour, in seconds: every time zone's offset is a multiple of it. */
	private static final int QUARTER_HOUR = 900;

	private final JdbcClient jdbc;

	private final SlaClock slaClock;

	private final EngineClock clock;

	Reports(JdbcClient jdbc, SlaClock slaClock, EngineClock clock) {
		this.jdbc = jdbc;
		this.slaClock = slaClock;
		this.clock = clock;
	}

	/**
	 * The tenants whose figures the reader may read, or null for every tenant (auditors
	 * and administrators). Refuses (403) everybody but incident managers, service
	 * delivery managers, auditors and administrators.
	 */
	public static List<String> readableTenants(CurrentUser reader) {
		if (!AccessPolicy.readsReports(reader)) {
			throw RefusedRequestException.notAllowed(null,
					"Reports are for incident managers, service delivery managers, auditors and administrators.");
		}
		return AccessPolicy.seesAll(reader) ? null : reader.tenants();
	}

	/**
	 * The tenants a report for the reader covers: the one asked for, or every tenant the
	 * reader may read (null for all) when {@code tenantId} is null. Refuses (403) those
	 * who read no reports, and answers a tenant the reader does not serve as one that is
	 * not there (404), as the incidents do.
	 */
	public static List<String> tenantsFor(CurrentUser reader, String tenantId) {
		List<String> readable = readableTenants(reader);
		if (tenantId == null) {
			return readable;
		}
		if (readable != null && !AccessPolicy.servesTenant(reader, tenantId)) {
			throw RefusedRequestException.notFound(null, "You serve no customer organisation '" + tenantId + "'.");
		}
		return List.of(tenantId);
	}

	/**
	 * The figures of the period for the reader: of one tenant, or of every tenant the
	 * reader may read when {@code tenantId} is null ({@link #tenantsFor}).
	 */
	public IncidentReport report(CurrentUser reader, String tenantId, ReportPeriod period) {
		return report(period, tenantsFor(reader, tenantId));
	}

	/**
	 * @param tenants the tenants to report on, or null for every tenant with incidents
	 */
	IncidentReport report(ReportPeriod period, List<String> tenants) {
		OffsetDateTime from = period.start();
		OffsetDateTime to = period.end();
		String zone = period.zone().getId();
		if (tenants != null && tenants.isEmpty()) {
			return new IncidentReport(from, to, zone, List.of());
		}
		Query query = new Query(from, to, tenants, this.clock.nowUtc());
		Map<String, Map<String, Long>> byChannel = query.grouped("channel", "created_at");
		Map<String, Map<String, Long>> byPriority = query.grouped("coalesce(priority, '-')", "created_at");
		Map<String, Long> major = query.count("major_incident = true", "created_at");
		Map<String, Long> resolved = query.count("resolved_at is not null", "resolved_at");
		Map<String, Long> cancelled = query.count("state = 'CANCELLED'", "updated_at");
		Map<String, Long> openNow = query.count("state not in ('CLOSED', 'CANCELLED')", null);
		Map<String, Long> pausedNow = query.count("state = 'ON_HOLD' and sla_paused_at is not null", null);
		Map<String, Long> deflections = query.deflections();
		Map<String, Closed> closed = query.closed();
		Map<String, Map<String, Long>> openByPriority = query.groupedNow("coalesce(priority, '-')");
		Map<String, Map<String, Long>> openByGroup = query.groupedNow("coalesce(assignment_group, '-')");
		Map<String, Long> atRisk = query.count(AT_RISK, null);
		Map<String, Long> breached = query.count(BREACHED, null);
		Map<String, SortedMap<LocalDate, Long>> openedPerDay = query.perDay("created_at", period.zone());
		Map<String, SortedMap<LocalDate, Long>> resolvedPerDay = query.perDay("resolved_at", period.zone());

		TreeSet<String> reported = new TreeSet<>(query.tenantsSeen);
		List<TenantFigures> figures = new ArrayList<>();
		for (String tenant : reported) {
			Map<String, Long> channels = byChannel.getOrDefault(tenant, Map.of());
			Closed c = closed.getOrDefault(tenant, Closed.NONE);
			figures.add(new TenantFigures(tenant, channels.values().stream().mapToLong(Long::longValue).sum(), channels,
					byPriority.getOrDefault(tenant, Map.of()), major.getOrDefault(tenant, 0L),
					resolved.getOrDefault(tenant, 0L), c.count(), cancelled.getOrDefault(tenant, 0L),
					openNow.getOrDefault(tenant, 0L), c.slaMet(), c.slaBreached(), c.meanMinutesToRespond(),
					c.meanMinutesToResolve(), c.firstContact(), c.escalations(), c.hierarchical(), c.reopens(),
					deflections.getOrDefault(tenant, 0L), c.pausedIncidents(), c.pausedSeconds(),
					(c.count() > 0) ? (double) c.pausedSeconds() / c.count() : null, pausedNow.getOrDefault(tenant, 0L),
					openByPriority.getOrDefault(tenant, Map.of()), openByGroup.getOrDefault(tenant, Map.of()),
					atRisk.getOrDefault(tenant, 0L), breached.getOrDefault(tenant, 0L), c.reopened(),
					openedPerDay.getOrDefault(tenant, new TreeMap<>()),
					resolvedPerDay.getOrDefault(tenant, new TreeMap<>())));
		}
		return new IncidentReport(from, to, zone, figures);
	}

	/**
	 * The figures of the incidents closed in the period. SLA met and breached are the
	 * record's flags, set against due dates that classification computed in the
	 * incident's clock (business time for business-hours targets) and that pauses moved.
	 */
	private record Closed(long count, long slaMet, long slaBreached, Double meanMinutesToRespond,
			Double meanMinutesToResolve, long firstContact, long escalations, long hierarchical, long reopens,
			long reopened, long pausedIncidents, long pausedSeconds) {

		static final Closed NONE = new Closed(0, 0, 0, null, null, 0, 0, 0, 0, 0, 0, 0);

		Closed plusPause(long seconds, boolean newlyPaused) {
			return new Closed(this.count, this.slaMet, this.slaBreached, this.meanMinutesToRespond,
					this.meanMinutesToResolve, this.firstContact, this.escalations, this.hierarchical, this.reopens,
					this.reopened, this.pausedIncidents + (newlyPaused ? 1 : 0), this.pausedSeconds + seconds);
		}

	}

	/** The period and tenants of one report, and the tenants its queries found. */
	private final class Query {

		private final Map<String, Object> params = new HashMap<>();

		private final String scope;

		private final TreeSet<String> tenantsSeen = new TreeSet<>();

		Query(OffsetDateTime from, OffsetDateTime to, List<String> tenants, OffsetDateTime now) {
			this.params.put("from", from);
			this.params.put("to", to);
			this.params.put("now", now);
			if (tenants != null) {
				this.params.put("tenants", tenants);
			}
			this.scope = (tenants != null) ? " and tenant_id in (:tenants)" : "";
		}

		/** Incidents per tenant and value of an expression, by the time in a column. */
		Map<String, Map<String, Long>> grouped(String expression, String timeColumn) {
			Map<String, Map<String, Long>> counts = new HashMap<>();
			Reports.this.jdbc
				.sql("select tenant_id, " + expression + " as grp, count(*) as n from incident where " + timeColumn
						+ PERIOD.formatted(timeColumn) + this.scope + " group by tenant_id, " + expression)
				.params(this.params)
				.query((rs, row) -> {
					this.tenantsSeen.add(rs.getString("tenant_id"));
					return counts.computeIfAbsent(rs.getString("tenant_id"), k -> new TreeMap<>())
						.put(rs.getString("grp"), rs.getLong("n"));
				})
				.list();
			return counts;
		}

		/**
		 * Incidents open now (not closed or cancelled) per tenant and value of an
		 * expression.
		 */
		Map<String, Map<String, Long>> groupedNow(String expression) {
			Map<String, Map<String, Long>> counts = new HashMap<>();
			Reports.this.jdbc.sql("select tenant_id, " + expression + " as grp, count(*) as n from incident"
					+ " where state not in ('CLOSED', 'CANCELLED')" + this.scope + " group by tenant_id, " + expression)
				.params(this.params)
				.query((rs, row) -> {
					this.tenantsSeen.add(rs.getString("tenant_id"));
					return counts.computeIfAbsent(rs.getString("tenant_id"), k -> new TreeMap<>())
						.put(rs.getString("grp"), rs.getLong("n"));
				})
				.list();
			return counts;
		}

		/**
		 * Incidents per tenant and day of the zone, by the time in a column. The database
		 * counts per quarter of an hour (UTC), which falls into one day of every zone;
		 * the quarters are then added up per day of the zone here, so the SQL stays the
		 * same on H2 and PostgreSQL.
		 */
		Map<String, SortedMap<LocalDate, Long>> perDay(String timeColumn, ZoneId zone) {
			String quarter = "floor(extract(epoch from " + timeColumn + ") / " + QUARTER_HOUR + ")";
			Map<String, SortedMap<LocalDate, Long>> days = new HashMap<>();
			Reports.this.jdbc
				.sql("select tenant_id, " + quarter + " as quarter, count(*) as n from incident where " + timeColumn
						+ PERIOD.formatted(timeColumn) + this.scope + " group by tenant_id, " + quarter)
				.params(this.params)
				.query((rs, row) -> {
					this.tenantsSeen.add(rs.getString("tenant_id"));
					LocalDate day = Instant.ofEpochSecond(rs.getLong("quarter") * QUARTER_HOUR)
						.atZone(zone)
						.toLocalDate();
					return days.computeIfAbsent(rs.getString("tenant_id"), k -> new TreeMap<>())
						.merge(day, rs.getLong("n"), Long::sum);
				})
				.list();
			return days;
		}

		/**
		 * Incidents per tenant that match the condition, in the period by the time in a
		 * column, or now when the column is null.
		 */
		Map<String, Long> count(String condition, String timeColumn) {
			String period = (timeColumn != null) ? " and " + timeColumn + PERIOD.formatted(timeColumn) : "";
			return perTenant("select tenant_id, count(*) from incident where " + condition + period + this.scope
					+ " group by tenant_id");
		}

		/** "This solved my problem" answers that opened no incident. */
		Map<String, Long> deflections() {
			return perTenant("select tenant_id, count(*) from knowledge_feedback where kind = 'SOLVED'"
					+ " and incident_number is null and tenant_id is not null and created_at"
					+ PERIOD.formatted("created_at") + this.scope + " group by tenant_id");
		}

		Map<String, Closed> closed() {
			Map<String, Closed> closed = new HashMap<>();
			Reports.this.jdbc
				.sql("""
						select tenant_id, count(*) as closed,
						  sum(case when sla_met = true then 1 else 0 end) as met,
						  sum(case when sla_met = false then 1 else 0 end) as breached,
						  avg(time_to_respond_seconds) as respond, avg(time_to_resolve_seconds) as resolve,
						  sum(case when first_contact_resolution = true then 1 else 0 end) as fcr,
						  sum(escalation_count) as escalations, sum(hierarchical_escalation_count) as hierarchical,
						  sum(reopen_count) as reopens,
						  sum(case when reopen_count > 0 then 1 else 0 end) as reopened,
						  sum(case when sla_paused_seconds > 0 then 1 else 0 end) as paused_incidents,
						  sum(sla_paused_seconds) as paused_seconds
						from incident where state = 'CLOSED' and closed_at""" + PERIOD.formatted("closed_at")
						+ this.scope + " group by tenant_id")
				.params(this.params)
				.query((rs, row) -> {
					this.tenantsSeen.add(rs.getString("tenant_id"));
					double respond = rs.getDouble("respond");
					Double respondMinutes = rs.wasNull() ? null : respond / 60.0;
					double resolve = rs.getDouble("resolve");
					Double resolveMinutes = rs.wasNull() ? null : resolve / 60.0;
					return closed.put(rs.getString("tenant_id"),
							new Closed(rs.getLong("closed"), rs.getLong("met"), rs.getLong("breached"), respondMinutes,
									resolveMinutes, rs.getLong("fcr"), rs.getLong("escalations"),
									rs.getLong("hierarchical"), rs.getLong("reopens"), rs.getLong("reopened"),
									rs.getLong("paused_incidents"), rs.getLong("paused_seconds")));
				})
				.list();
			pausedUntilResolution(closed);
			return closed;
		}

		/**
		 * An incident resolved while on hold for a pausing reason was paused from the
		 * hold until its resolution too; that time is not in its paused seconds yet, so
		 * it is counted here, in the incident's clock.
		 */
		private void pausedUntilResolution(Map<String, Closed> closed) {
			Reports.this.jdbc
				.sql("select tenant_id, sla_business_hours, sla_paused_at, resolved_at, sla_paused_seconds"
						+ " from incident where state = 'CLOSED' and sla_paused_at < resolved_at and closed_at"
						+ PERIOD.formatted("closed_at") + this.scope)
				.params(this.params)
				.query((rs, row) -> {
					String tenant = rs.getString("tenant_id");
					Instant from = rs.getObject("sla_paused_at", OffsetDateTime.class).toInstant();
					Instant to = rs.getObject("resolved_at", OffsetDateTime.class).toInstant();
					long seconds = rs.getBoolean("sla_business_hours")
							? Reports.this.slaClock.businessTimeBetween(tenant, from, to).toSeconds()
							: Duration.between(from, to).toSeconds();
					boolean newlyPaused = rs.getLong("sla_paused_seconds") == 0;
					if (seconds > 0) {
						closed.computeIfPresent(tenant, (t, c) -> c.plusPause(seconds, newlyPaused));
					}
					return tenant;
				})
				.list();
		}

		private Map<String, Long> perTenant(String sql) {
			Map<String, Long> counts = new HashMap<>();
			Reports.this.jdbc.sql(sql).params(this.params).query((rs, row) -> {
				this.tenantsSeen.add(rs.getString(1));
				return counts.put(rs.getString(1), rs.getLong(2));
			}).list();
			return counts;
		}

	}

}

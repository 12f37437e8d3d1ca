package org.incidentdesk.report;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.incidentdesk.sla.SlaClock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Computes the incident figures per tenant from the incident records, in a few grouped
 * queries whose SQL runs on H2 and PostgreSQL.
 */
@Service
@Transactional(readOnly = true)
class Reports {

	private static final String PERIOD = " >= :from and %s < :to";

	private final JdbcClient jdbc;

	private final SlaClock slaClock;

	Reports(JdbcClient jdbc, SlaClock slaClock) {
		this.jdbc = jdbc;
		this.slaClock = slaClock;
	}

	/**
	 * @param tenants the tenants to report on, or null for every tenant with incidents
	 */
	IncidentReport report(OffsetDateTime from, OffsetDateTime to, List<String> tenants) {
		if (tenants != null && tenants.isEmpty()) {
			return new IncidentReport(from, to, List.of());
		}
		Query query = new Query(from, to, tenants);
		Map<String, Map<String, Long>> byChannel = query.grouped("channel", "created_at");
		Map<String, Map<String, Long>> byPriority = query.grouped("coalesce(priority, '-')", "created_at");
		Map<String, Long> major = query.count("major_incident = true", "created_at");
		Map<String, Long> resolved = query.count("resolved_at is not null", "resolved_at");
		Map<String, Long> cancelled = query.count("state = 'CANCELLED'", "updated_at");
		Map<String, Long> openNow = query.count("state not in ('CLOSED', 'CANCELLED')", null);
		Map<String, Long> pausedNow = query.count("state = 'ON_HOLD' and sla_paused_at is not null", null);
		Map<String, Long> deflections = query.deflections();
		Map<String, Closed> closed = query.closed();

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
					(c.count() > 0) ? (double) c.pausedSeconds() / c.count() : null,
					pausedNow.getOrDefault(tenant, 0L)));
		}
		return new IncidentReport(from, to, figures);
	}

	/**
	 * The figures of the incidents closed in the period. SLA met and breached are the
	 * record's flags, set against due dates that classification computed in the
	 * incident's clock (business time for business-hours targets) and that pauses moved.
	 */
	private record Closed(long count, long slaMet, long slaBreached, Double meanMinutesToRespond,
			Double meanMinutesToResolve, long firstContact, long escalations, long hierarchical, long reopens,
			long pausedIncidents, long pausedSeconds) {

		static final Closed NONE = new Closed(0, 0, 0, null, null, 0, 0, 0, 0, 0, 0);

		Closed plusPause(long seconds, boolean newlyPaused) {
			return new Closed(this.count, this.slaMet, this.slaBreached, this.meanMinutesToRespond,
					this.meanMinutesToResolve, this.firstContact, this.escalations, this.hierarchical, this.reopens,
					this.pausedIncidents + (newlyPaused ? 1 : 0), this.pausedSeconds + seconds);
		}

	}

	/** The period and tenants of one report, and the tenants its queries found. */
	private final class Query {

		private final Map<String, Object> params = new HashMap<>();

		private final String scope;

		private final TreeSet<String> tenantsSeen = new TreeSet<>();

		Query(OffsetDateTime from, OffsetDateTime to, List<String> tenants) {
			this.params.put("from", from);
			this.params.put("to", to);
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
									rs.getLong("hierarchical"), rs.getLong("reopens"), rs.getLong("paused_incidents"),
									rs.getLong("paused_seconds")));
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

package org.incidentdesk.alert;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.SortedSet;

import org.incidentdesk.alert.AlertOccurrence.Status;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which incident each alert of a tenant opened, and the per-alert locks of the intake.
 */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
class AlertOccurrences {

	private static final RowMapper<AlertOccurrence> OCCURRENCE = (rs, row) -> new AlertOccurrence(rs.getLong("id"),
			rs.getString("tenant_id"), rs.getString("fingerprint"), rs.getString("incident_number"),
			rs.getObject("first_seen", OffsetDateTime.class), rs.getObject("last_seen", OffsetDateTime.class),
			rs.getInt("occurrences"), Status.valueOf(rs.getString("status")));

	private final JdbcClient jdbc;

	private final TransactionTemplate separately;

	AlertOccurrences(JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.separately = new TransactionTemplate(transactions);
		this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * Locks the alerts until the current transaction ends, so that deliveries of the same
	 * alert (Alertmanager retries, several Alertmanager replicas) are handled one after
	 * the other and the second sees the incident the first opened.
	 * <p>
	 * Why a lock row per (tenant, fingerprint) and {@code select ... for update}: the
	 * {@code alert_occurrence} rows cannot carry the lock, since a new alert has none yet
	 * and an alert legitimately has several (one per incident). A lock per tenant would
	 * serialize all of a tenant's alerts, and catching a unique violation inside the
	 * transaction would abort it on PostgreSQL. So a missing lock row is created and
	 * committed in a transaction of its own (losing that race to another delivery is
	 * harmless), and then locked in the delivery's transaction. Lock rows hold no
	 * business data, so one left behind by a failed delivery changes nothing. The alerts
	 * are locked in sorted order, so two deliveries that share alerts cannot deadlock.
	 */
	void lock(String tenantId, SortedSet<String> fingerprints) {
		for (String fingerprint : fingerprints) {
			if (!lockRowExists(tenantId, fingerprint)) {
				try {
					this.separately.executeWithoutResult(status -> insertLockRow(tenantId, fingerprint));
				}
				catch (DuplicateKeyException ex) {
					// Another delivery created it a moment ago.
				}
			}
		}
		for (String fingerprint : fingerprints) {
			this.jdbc
				.sql("select fingerprint from alert_lock where tenant_id = :tenant and fingerprint = :fp for update")
				.param("tenant", tenantId)
				.param("fp", fingerprint)
				.query(String.class)
				.single();
		}
	}

	/** The alert's most recent incident in the tenant, if it ever opened one. */
	Optional<AlertOccurrence> latest(String tenantId, String fingerprint) {
		return this.jdbc.sql("""
				select * from alert_occurrence where tenant_id = :tenant and fingerprint = :fp
				order by id desc fetch first 1 rows only
				""").param("tenant", tenantId).param("fp", fingerprint).query(OCCURRENCE).optional();
	}

	void opened(String tenantId, String fingerprint, String incidentNumber, OffsetDateTime seen) {
		this.jdbc.sql("""
				insert into alert_occurrence (tenant_id, fingerprint, incident_number, first_seen, last_seen,
				    occurrences, status)
				values (:tenant, :fp, :number, :seen, :seen, 1, 'FIRING')
				""")
			.param("tenant", tenantId)
			.param("fp", fingerprint)
			.param("number", incidentNumber)
			.param("seen", seen)
			.update();
	}

	/** Counts another firing; returns how often the alert has fired for this incident. */
	int firedAgain(AlertOccurrence occurrence, OffsetDateTime seen) {
		this.jdbc.sql("""
				update alert_occurrence set occurrences = occurrences + 1, last_seen = :seen, status = 'FIRING'
				where id = :id
				""").param("seen", seen).param("id", occurrence.id()).update();
		return this.jdbc.sql("select occurrences from alert_occurrence where id = :id")
			.param("id", occurrence.id())
			.query(Integer.class)
			.single();
	}

	void resolved(AlertOccurrence occurrence, OffsetDateTime seen) {
		this.jdbc.sql("update alert_occurrence set last_seen = :seen, status = 'RESOLVED' where id = :id")
			.param("seen", seen)
			.param("id", occurrence.id())
			.update();
	}

	private boolean lockRowExists(String tenantId, String fingerprint) {
		return this.jdbc.sql("select count(*) from alert_lock where tenant_id = :tenant and fingerprint = :fp")
			.param("tenant", tenantId)
			.param("fp", fingerprint)
			.query(Long.class)
			.single() > 0;
	}

	private void insertLockRow(String tenantId, String fingerprint) {
		this.jdbc.sql("insert into alert_lock (tenant_id, fingerprint) values (:tenant, :fp)")
			.param("tenant", tenantId)
			.param("fp", fingerprint)
			.update();
	}

}

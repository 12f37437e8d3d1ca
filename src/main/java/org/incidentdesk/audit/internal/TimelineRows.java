package org.incidentdesk.audit.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.incidentdesk.audit.TrailEntry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads an incident's timeline rows exactly as stored, hashes and seal included. Only
 * {@link ChainedAuditTrail#append} writes them.
 */
@Repository
class TimelineRows {

	private final JdbcClient jdbc;

	TimelineRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** All rows of the incident, internal ones too, in the order they were written. */
	List<TrailEntry> of(long incidentId) {
		return this.jdbc.sql("select * from incident_activity where incident_id = :incident order by id")
			.param("incident", incidentId)
			.query((rs, row) -> new TrailEntry(rs.getLong("id"), rs.getLong("incident_id"), rs.getString("kind"),
					rs.getString("visibility"), rs.getString("author"), rs.getString("body"), rs.getString("field"),
					rs.getString("old_value"), rs.getString("new_value"),
					rs.getObject("created_at", OffsetDateTime.class), rs.getString("hash"),
					rs.getString("previous_hash"), rs.getString("hash_scheme")))
			.list();
	}

	Optional<TimelineSeal> sealOf(long incidentId) {
		return this.jdbc.sql("""
				select entries, last_activity_id, last_hash, scheme, seal from incident_activity_seal
				where incident_id = :incident
				""")
			.param("incident", incidentId)
			.query((rs, row) -> new TimelineSeal(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
					rs.getString(5)))
			.optional();
	}

	/**
	 * The id of the last row written before seals and keyed hashes existed (V8); 0 on a
	 * database that started with them.
	 */
	long lastLegacyId() {
		return this.jdbc.sql("select last_legacy_activity_id from audit_chain_legacy")
			.query(Long.class)
			.optional()
			.orElse(0L);
	}

}

package org.incidentdesk.audit;

import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads an incident's timeline rows exactly as stored, hashes included. Auditors only
 * read, so there is nothing here that writes.
 */
@Repository
class TimelineRows {

	private final JdbcClient jdbc;

	TimelineRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** All rows of the incident, internal ones too, in the order they were written. */
	List<TimelineRow> of(long incidentId) {
		return this.jdbc.sql("select * from incident_activity where incident_id = :incident order by id")
			.param("incident", incidentId)
			.query((rs, row) -> new TimelineRow(rs.getLong("id"), rs.getLong("incident_id"), rs.getString("kind"),
					rs.getString("visibility"), rs.getString("author"), rs.getString("body"), rs.getString("field"),
					rs.getString("old_value"), rs.getString("new_value"),
					rs.getObject("created_at", OffsetDateTime.class), rs.getString("hash"),
					rs.getString("previous_hash")))
			.list();
	}

}

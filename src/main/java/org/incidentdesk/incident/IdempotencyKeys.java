package org.incidentdesk.incident;

import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and writes the idempotency keys of incident reports. */
@Repository
class IdempotencyKeys {

	private final JdbcClient jdbc;

	IdempotencyKeys(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Stored> find(String userId, String key) {
		return this.jdbc.sql("""
				select request_hash, incident_number from idempotency_key
				where user_id = :user and idempotency_key = :key
				""")
			.param("user", userId)
			.param("key", key)
			.query((rs, row) -> new Stored(rs.getString("request_hash"), rs.getString("incident_number")))
			.optional();
	}

	/** Fails with a duplicate key if another request stored the same key first. */
	void insert(IdempotencyKey key, String incidentNumber, OffsetDateTime now) {
		this.jdbc.sql("""
				insert into idempotency_key (user_id, idempotency_key, request_hash, incident_number, created_at)
				values (:user, :key, :hash, :number, :now)
				""")
			.param("user", key.userId())
			.param("key", key.key())
			.param("hash", key.requestHash())
			.param("number", incidentNumber)
			.param("now", now)
			.update();
	}

	/** A key as the first request with it stored it. */
	record Stored(String requestHash, String incidentNumber) {
	}

}

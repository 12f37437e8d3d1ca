package org.incidentdesk.audit.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.incidentdesk.audit.AuditTrail;
import org.incidentdesk.audit.ChainVerification;
import org.incidentdesk.audit.HashScheme;
import org.incidentdesk.audit.NewTrailEntry;
import org.incidentdesk.audit.TrailEntry;
import org.incidentdesk.audit.TrailLock;
import org.incidentdesk.system.TransactionBound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit trail in the tables {@code incident_activity} (the entries and their hashes),
 * {@code incident_activity_seal} (one seal per incident) and {@code audit_chain_legacy}
 * (where the entries from before seals and keyed hashes end), hashed by
 * {@link ActivityHash} and checked by {@link TimelineChain}.
 */
@Component
class ChainedAuditTrail implements AuditTrail {

	private static final Logger LOG = LoggerFactory.getLogger(ChainedAuditTrail.class);

	private final JdbcClient jdbc;

	private final TimelineRows rows;

	private final ActivityHash hash;

	private final TrailLock lock;

	/**
	 * The seals this transaction wrote, by incident id: while the incident's lock is held
	 * nobody else moves its seal on, so it is read once per transaction and incident.
	 */
	private final TransactionBound<Map<Long, TimelineSeal>> sealsWritten;

	ChainedAuditTrail(JdbcClient jdbc, DataSource dataSource, TimelineRows rows, ActivityHash hash, TrailLock lock) {
		this.jdbc = jdbc;
		this.rows = rows;
		this.hash = hash;
		this.lock = lock;
		this.sealsWritten = new TransactionBound<>(dataSource, HashMap::new);
	}

	/**
	 * Locking the incident first ({@link TrailLock}) makes concurrent writers for one
	 * incident take turns, so two entries never chain to the same predecessor.
	 * <p>
	 * The new entry links to the entry the seal names, not to the newest row in the
	 * table: if somebody removed the newest rows, the gap stays visible. A seal this
	 * application cannot vouch for (wrong, unkeyed while it has a key, or missing
	 * although the chain began after the seal existed) is left as it is, so verification
	 * keeps reporting it, rather than being laundered into a fresh one.
	 */
	@Override
	@Transactional(propagation = Propagation.MANDATORY)
	public void append(long incidentId, NewTrailEntry entry) {
		this.lock.lockForAppend(incidentId);
		Map<Long, TimelineSeal> written = this.sealsWritten.current();
		TimelineSeal writtenSeal = (written != null) ? written.get(incidentId) : null;
		Optional<TimelineSeal> seal = (writtenSeal != null) ? Optional.of(writtenSeal) : this.rows.sealOf(incidentId);
		// The seal names the newest entry; the table is read for it only when there is no
		// seal (a chain begun before seals existed, or a seal somebody removed).
		Optional<Newest> newest = seal.isPresent() ? Optional.empty()
				: this.jdbc.sql("""
						select id, hash from incident_activity where incident_id = :incident
						order by id desc fetch first 1 rows only
						""")
					.param("incident", incidentId)
					.query((rs, row) -> new Newest(rs.getLong(1), rs.getString(2)))
					.optional();
		String previousHash = seal.map(TimelineSeal::lastHash)
			.or(() -> newest.map(Newest::hash))
			.orElse(ActivityHash.CHAIN_START);
		String oldStored = truncate(entry.oldValue());
		String newStored = truncate(entry.newValue());
		String hash = this.hash.entry(incidentId, entry.kind(), entry.visibility(), entry.author(), entry.body(),
				entry.field(), oldStored, newStored, entry.createdAt(), previousHash);
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into incident_activity (incident_id, kind, visibility, author, body, field, old_value, new_value,
				    created_at, hash, previous_hash, hash_scheme)
				values (:incident, :kind, :visibility, :author, :body, :field, :old, :new, :now, :hash, :previousHash,
				    :scheme)
				""")
			.param("incident", incidentId)
			.param("kind", entry.kind())
			.param("visibility", entry.visibility())
			.param("author", entry.author())
			.param("body", entry.body())
			.param("field", entry.field())
			.param("old", oldStored)
			.param("new", newStored)
			.param("now", entry.createdAt())
			.param("hash", hash)
			.param("previousHash", previousHash)
			.param("scheme", this.hash.scheme().name())
			.update(key, "id");
		long id = key.getKeyAs(Number.class).longValue();
		reseal(incidentId, seal, newest, id, hash, written);
	}

	@Override
	public List<TrailEntry> entries(long incidentId) {
		return this.rows.of(incidentId);
	}

	/**
	 * Reads the entries and the seal from one snapshot, so an entry written meanwhile
	 * cannot look like a removed one.
	 */
	@Override
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	public ChainVerification verify(long incidentId) {
		return TimelineChain.verify(incidentId, this.rows.of(incidentId), this.rows.sealOf(incidentId),
				this.rows.lastLegacyId(), this.hash);
	}

	private void reseal(long incidentId, Optional<TimelineSeal> seal, Optional<Newest> newest, long id, String hash,
			Map<Long, TimelineSeal> written) {
		long entries;
		if (seal.isPresent()) {
			if (!vouchesFor(incidentId, seal.get())) {
				LOG.error("The timeline seal of incident id {} does not verify; it is left unchanged as evidence",
						incidentId);
				return;
			}
			entries = seal.get().entries() + 1;
		}
		else {
			long legacyUpTo = this.rows.lastLegacyId();
			if (newest.isPresent() && newest.get().id() > legacyUpTo) {
				LOG.error("The timeline seal of incident id {} is missing; no new one is made up", incidentId);
				return;
			}
			entries = this.jdbc.sql("select count(*) from incident_activity where incident_id = :incident")
				.param("incident", incidentId)
				.query(Long.class)
				.single();
		}
		HashScheme scheme = this.hash.scheme();
		String value = this.hash.seal(scheme, incidentId, entries, id, hash);
		if (written != null) {
			written.put(incidentId, new TimelineSeal(entries, id, hash, scheme.name(), value));
		}
		int updated = this.jdbc.sql("""
				update incident_activity_seal set entries = :entries, last_activity_id = :id, last_hash = :hash,
				    scheme = :scheme, seal = :seal where incident_id = :incident
				""")
			.param("entries", entries)
			.param("id", id)
			.param("hash", hash)
			.param("scheme", scheme.name())
			.param("seal", value)
			.param("incident", incidentId)
			.update();
		if (updated == 0) {
			this.jdbc.sql("""
					insert into incident_activity_seal (incident_id, entries, last_activity_id, last_hash, scheme, seal)
					values (:incident, :entries, :id, :hash, :scheme, :seal)
					""")
				.param("incident", incidentId)
				.param("entries", entries)
				.param("id", id)
				.param("hash", hash)
				.param("scheme", scheme.name())
				.param("seal", value)
				.update();
		}
	}

	/**
	 * A keyed application trusts only keyed seals, so nobody can swap in an unkeyed one
	 * and have it re-keyed by the next entry.
	 */
	private boolean vouchesFor(long incidentId, TimelineSeal seal) {
		HashScheme scheme = HashScheme.of(seal.scheme());
		if (scheme == HashScheme.HMAC_SHA256 ? !this.hash.isKeyed() : this.hash.isKeyed()) {
			return false;
		}
		return this.hash.seal(scheme, incidentId, seal.entries(), seal.lastActivityId(), seal.lastHash())
			.equals(seal.seal());
	}

	private static String truncate(String value) {
		return (value != null && value.length() > 200) ? value.substring(0, 197) + "..." : value;
	}

	private record Newest(long id, String hash) {
	}

}

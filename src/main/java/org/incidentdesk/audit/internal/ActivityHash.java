package org.incidentdesk.audit.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import org.apache.commons.codec.digest.DigestUtils;
import org.apache.commons.codec.digest.HmacAlgorithms;
import org.apache.commons.codec.digest.HmacUtils;
import org.incidentdesk.audit.HashScheme;

/**
 * The hash chain of an incident's timeline. Each entry's hash covers its content and the
 * hash of the entry before it, and a seal per incident covers the number of entries and
 * the newest one, so an auditor can recompute the chain and see whether a row was
 * changed, inserted or removed in the database, the newest ones included.
 * <p>
 * With a chain key the hashes are HMAC-SHA256 ({@link HashScheme#HMAC_SHA256}): somebody
 * who can write the database but does not have the key cannot recompute them. Without a
 * key they are plain SHA-256 ({@link HashScheme#UNKEYED_SHA256}), as every entry was
 * before the key existed; that finds accidents, not somebody who recomputes the hashes.
 * <p>
 * The canonical string of an entry is {@code v1} followed by each field as
 * {@code |<length>:<value>}, or {@code |-} for null, in this order: incident id, kind,
 * visibility, author, body, field, old value, new value, creation time (UTC, ISO 8601
 * with milliseconds) and previous hash. The length prefix keeps field boundaries
 * unambiguous whatever the values contain. A seal's canonical string is {@code seal-v1}
 * with incident id, number of entries, id and hash of the newest entry, encoded alike.
 * Hashes are lower-case hex of the UTF-8 bytes' digest.
 */
public final class ActivityHash {

	/** The previous hash of an incident's first entry. */
	public static final String CHAIN_START = "0".repeat(64);

	/** The environment variable that holds the chain key. */
	public static final String KEY_ENV = "INCIDENT_DESK_AUDIT_CHAIN_KEY";

	private static final DateTimeFormatter UTC_MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'");

	private final byte[] key;

	private ActivityHash(byte[] key) {
		this.key = key;
	}

	/** Hashes new entries with HMAC-SHA256 under the given secret. */
	public static ActivityHash keyed(byte[] secret) {
		if (secret == null || secret.length == 0) {
			throw new IllegalArgumentException("A chain key must not be empty");
		}
		return new ActivityHash(secret.clone());
	}

	/** Hashes new entries with plain SHA-256. */
	public static ActivityHash unkeyed() {
		return new ActivityHash(null);
	}

	/** The scheme of the entries and seals this instance writes. */
	public HashScheme scheme() {
		return (this.key != null) ? HashScheme.HMAC_SHA256 : HashScheme.UNKEYED_SHA256;
	}

	/** Whether this instance can compute (and so check) HMAC-SHA256 hashes. */
	public boolean isKeyed() {
		return this.key != null;
	}

	/** The hash of a new entry, in this instance's scheme. */
	public String entry(long incidentId, String kind, String visibility, String author, String body, String field,
			String oldValue, String newValue, OffsetDateTime createdAt, String previousHash) {
		return entry(scheme(), incidentId, kind, visibility, author, body, field, oldValue, newValue, createdAt,
				previousHash);
	}

	/**
	 * The hash of an entry in the given scheme.
	 * @throws IllegalStateException for {@link HashScheme#HMAC_SHA256} without a key
	 */
	public String entry(HashScheme scheme, long incidentId, String kind, String visibility, String author, String body,
			String field, String oldValue, String newValue, OffsetDateTime createdAt, String previousHash) {
		return digest(scheme, canonical(incidentId, kind, visibility, author, body, field, oldValue, newValue,
				createdAt, previousHash));
	}

	/**
	 * The plain SHA-256 hash of an entry ({@link HashScheme#UNKEYED_SHA256}), as entries
	 * were hashed before the chain key.
	 */
	public static String of(long incidentId, String kind, String visibility, String author, String body, String field,
			String oldValue, String newValue, OffsetDateTime createdAt, String previousHash) {
		return DigestUtils.sha256Hex(canonical(incidentId, kind, visibility, author, body, field, oldValue, newValue,
				createdAt, previousHash));
	}

	/**
	 * The seal of an incident's chain in the given scheme.
	 * @throws IllegalStateException for {@link HashScheme#HMAC_SHA256} without a key
	 */
	public String seal(HashScheme scheme, long incidentId, long entries, long lastEntryId, String lastHash) {
		return digest(scheme, join("seal-v1", Long.toString(incidentId), Long.toString(entries),
				Long.toString(lastEntryId), lastHash));
	}

	private String digest(HashScheme scheme, String text) {
		if (scheme == HashScheme.UNKEYED_SHA256) {
			return DigestUtils.sha256Hex(text);
		}
		if (this.key == null) {
			throw new IllegalStateException("An HMAC-SHA256 hash needs the chain key, and none is configured");
		}
		// A new HmacUtils for every hash: it holds a Mac, which is not thread-safe.
		return new HmacUtils(HmacAlgorithms.HMAC_SHA_256, this.key).hmacHex(text);
	}

	static String canonical(long incidentId, String kind, String visibility, String author, String body, String field,
			String oldValue, String newValue, OffsetDateTime createdAt, String previousHash) {
		return join("v1", Long.toString(incidentId), kind, visibility, author, body, field, oldValue, newValue,
				utcMillis(createdAt), previousHash);
	}

	private static String join(String version, String... values) {
		StringBuilder canonical = new StringBuilder(version);
		for (String value : values) {
			canonical.append('|');
			if (value == null) {
				canonical.append('-');
			}
			else {
				canonical.append(value.length()).append(':').append(value);
			}
		}
		return canonical.toString();
	}

	/**
	 * Databases keep micro- or nanoseconds differently; milliseconds survive every one of
	 * them.
	 */
	static String utcMillis(OffsetDateTime time) {
		return (time != null)
				? UTC_MILLIS.format(time.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS)) : null;
	}

}

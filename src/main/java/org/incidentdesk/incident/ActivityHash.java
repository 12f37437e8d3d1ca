package org.incidentdesk.incident;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The hash chain of an incident's timeline. Each entry's hash covers its content and the
 * hash of the entry before it, so an auditor can recompute the chain and see whether a
 * row was changed or removed in the database.
 * <p>
 * The canonical string is {@code v1} followed by each field as {@code |<length>:<value>},
 * or {@code |-} for null, in this order: incident id, kind, visibility, author, body,
 * field, old value, new value, creation time (UTC, ISO 8601 with milliseconds) and
 * previous hash. The length prefix keeps field boundaries unambiguous whatever the values
 * contain. The hash is the lower-case hex SHA-256 of its UTF-8 bytes.
 */
public final class ActivityHash {

	/** The previous hash of an incident's first entry. */
	public static final String CHAIN_START = "0".repeat(64);

	private static final DateTimeFormatter UTC_MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'");

	private ActivityHash() {
	}

	public static String of(long incidentId, String kind, String visibility, String author, String body, String field,
			String oldValue, String newValue, OffsetDateTime createdAt, String previousHash) {
		return sha256(canonical(incidentId, kind, visibility, author, body, field, oldValue, newValue, createdAt,
				previousHash));
	}

	static String canonical(long incidentId, String kind, String visibility, String author, String body, String field,
			String oldValue, String newValue, OffsetDateTime createdAt, String previousHash) {
		StringBuilder canonical = new StringBuilder("v1");
		for (String value : new String[] { Long.toString(incidentId), kind, visibility, author, body, field, oldValue,
				newValue, utcMillis(createdAt), previousHash }) {
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

	private static String sha256(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

}

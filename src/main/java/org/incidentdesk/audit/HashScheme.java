package org.incidentdesk.audit;

/**
 * How the hash of a timeline entry or a seal was computed; stored with every entry and
 * seal.
 */
public enum HashScheme {

	/** Plain SHA-256: anybody can recompute it. */
	UNKEYED_SHA256,
	/** HMAC-SHA256 with the chain key. */
	HMAC_SHA256;

	/** Entries written before schemes were recorded are plain SHA-256. */
	public static HashScheme of(String stored) {
		return (stored != null) ? valueOf(stored) : UNKEYED_SHA256;
	}

}

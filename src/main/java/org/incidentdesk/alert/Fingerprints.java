package org.incidentdesk.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The identity of an alert whose sender gave none: its labels, as Alertmanager itself
 * does.
 */
final class Fingerprints {

	private Fingerprints() {
	}

	/**
	 * Hex SHA-256 of the labels sorted by name. Each name and value is length-prefixed,
	 * so that no two different label sets (say {@code a="b,c"} and {@code a="b", c=""})
	 * hash the same input.
	 */
	static String of(Map<String, String> labels) {
		StringBuilder input = new StringBuilder();
		new TreeMap<>(labels).forEach((name, value) -> {
			String v = (value != null) ? value : "";
			input.append(name.length()).append(':').append(name).append(v.length()).append(':').append(v);
		});
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(sha256.digest(input.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

}

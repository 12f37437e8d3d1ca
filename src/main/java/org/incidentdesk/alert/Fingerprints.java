package org.incidentdesk.alert;

import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.codec.digest.DigestUtils;

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
		return DigestUtils.sha256Hex(input.toString());
	}

}

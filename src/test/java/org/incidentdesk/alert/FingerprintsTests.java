package org.incidentdesk.alert;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FingerprintsTests {

	@Test
	void isTheHexSha256OfTheSortedLabels() {
		// Given labels as the length-prefixed name/value pairs, sorted by name, that are
		// hashed: echo -n '9:alertname7:VpnDown8:instance8:vpn:9100' | sha256sum
		Map<String, String> labels = Map.of("instance", "vpn:9100", "alertname", "VpnDown");

		// When
		String fingerprint = Fingerprints.of(labels);

		// Then
		assertThat(fingerprint).hasSize(64)
			.matches("[0-9a-f]{64}")
			.isEqualTo("53af82d4129d1c360f37bca0e3887ac8de438c7b363e079701ddecbf92871761");
	}

	@Test
	void doesNotDependOnTheOrderOfTheLabels() {
		// Given the same labels in two orders
		Map<String, String> oneOrder = new LinkedHashMap<>();
		oneOrder.put("alertname", "VpnDown");
		oneOrder.put("severity", "critical");
		Map<String, String> otherOrder = new LinkedHashMap<>();
		otherOrder.put("severity", "critical");
		otherOrder.put("alertname", "VpnDown");

		// When / Then
		assertThat(Fingerprints.of(oneOrder)).isEqualTo(Fingerprints.of(otherOrder));
	}

	@Test
	void differsWhenALabelValueDiffers() {
		assertThat(Fingerprints.of(Map.of("alertname", "VpnDown", "instance", "a")))
			.isNotEqualTo(Fingerprints.of(Map.of("alertname", "VpnDown", "instance", "b")));
	}

	@Test
	void cannotBeFooledBySeparatorsInsideValues() {
		// Given two different label sets that would read the same if simply joined
		Map<String, String> one = Map.of("a", "b,c=d");
		Map<String, String> other = Map.of("a", "b", "c", "d");

		// When / Then
		assertThat(Fingerprints.of(one)).isNotEqualTo(Fingerprints.of(other));
	}

}

package org.incidentdesk.audit.internal;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.incidentdesk.audit.HashScheme;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the exact hashes, so that the chains already in the database still verify whatever
 * computes them. The expected values come from outside Java: {@code printf '%s' "$text" |
 * sha256sum} and {@code openssl dgst -sha256 -hmac "$key"}.
 */
class ActivityHashTests {

	private static final OffsetDateTime AT = OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 6_789_000, ZoneOffset.ofHours(1));

	private static final String BODY = "Grüße, \"Team\"\nzweite Zeile";

	private static final ActivityHash KEYED = ActivityHash
		.keyed("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));

	@Test
	void theCanonicalFormPrefixesEveryValueWithItsLength() {
		assertThat(ActivityHash.canonical(42, "COMMENT", "PUBLIC", "alice", BODY, null, "", null, AT,
				ActivityHash.CHAIN_START))
			.isEqualTo("v1|2:42|7:COMMENT|6:PUBLIC|5:alice|26:" + BODY + "|-|0:|-|24:2026-01-02T02:04:05.006Z|64:"
					+ ActivityHash.CHAIN_START);
	}

	@Test
	void anUnkeyedEntryIsTheSha256OfItsUtf8CanonicalForm() {
		String expected = "b7e8779b3dce4bc8d781b30686d52c3fc86d1f3491565ea7f58a61a81c64e234";

		assertThat(
				ActivityHash.of(42, "COMMENT", "PUBLIC", "alice", BODY, null, "", null, AT, ActivityHash.CHAIN_START))
			.isEqualTo(expected);
		assertThat(KEYED.entry(HashScheme.UNKEYED_SHA256, 42, "COMMENT", "PUBLIC", "alice", BODY, null, "", null, AT,
				ActivityHash.CHAIN_START))
			.isEqualTo(expected);
	}

	@Test
	void aKeyedEntryIsTheHmacSha256OfItsUtf8CanonicalForm() {
		assertThat(KEYED.entry(42, "COMMENT", "PUBLIC", "alice", BODY, null, "", null, AT, ActivityHash.CHAIN_START))
			.isEqualTo("9d7cd2478668b8e81541e36e24218fe2c1cdc38cd805f78ba24f2b0be31d7a26");
	}

	@Test
	void aSealIsHashedInEitherScheme() {
		String lastHash = "ab".repeat(32);

		assertThat(KEYED.seal(HashScheme.UNKEYED_SHA256, 42, 3, 7, lastHash))
			.isEqualTo("ed58bd335469aca7c17dd6936d3aa108ed54ea137186864844908b657b034b21");
		assertThat(KEYED.seal(HashScheme.HMAC_SHA256, 42, 3, 7, lastHash))
			.isEqualTo("1556bf0558c2363443768bc6817dc8ed7d0cad4f6fcb6c4ff3a44ae17d72459b");
	}

}

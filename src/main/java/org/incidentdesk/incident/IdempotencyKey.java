package org.incidentdesk.incident;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.apache.commons.codec.digest.DigestUtils;
import org.incidentdesk.system.RefusedRequestException;

/**
 * A client's {@code Idempotency-Key} for one request, with the hash of what was asked.
 *
 * @param requestHash SHA-256 (hex) of the request in canonical form
 */
record IdempotencyKey(String userId, String key, String requestHash) {

	static final String HEADER = "Idempotency-Key";

	static final String REPLAYED_HEADER = "Idempotent-Replayed";

	static final int MAX_LENGTH = 100;

	/**
	 * Its own mapper rather than the application's, so a change to the API's JSON
	 * settings does not change the hashes of keys already stored: properties sorted,
	 * nulls left out.
	 */
	private static final ObjectMapper CANONICAL = JsonMapper.builder()
		.enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
		.serializationInclusion(JsonInclude.Include.NON_NULL)
		.build();

	/**
	 * @param request the parsed request body; its canonical JSON ignores the order of
	 * fields, white space and fields sent as null
	 */
	static IdempotencyKey of(String userId, String key, Object request) {
		return new IdempotencyKey(userId, check(key), DigestUtils.sha256Hex(canonical(request)));
	}

	private static String check(String key) {
		if (key.isBlank()) {
			throw invalid("The Idempotency-Key header is empty. Send a unique value of up to " + MAX_LENGTH
					+ " characters, for example a UUID, or leave the header out.");
		}
		if (key.length() > MAX_LENGTH) {
			throw invalid("The Idempotency-Key header has " + key.length() + " characters; at most " + MAX_LENGTH
					+ " are allowed. A UUID is a good key.");
		}
		if (!key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
			throw invalid("The Idempotency-Key header may contain only visible ASCII characters, no spaces.");
		}
		return key;
	}

	private static String canonical(Object request) {
		try {
			return CANONICAL.writeValueAsString(request);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Cannot write the request as JSON", ex);
		}
	}

	private static RuntimeException invalid(String detail) {
		return RefusedRequestException.invalid("Invalid Idempotency-Key", detail);
	}

}

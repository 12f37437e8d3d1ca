package org.incidentdesk.slapolicy;

import java.time.Duration;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * SLA settings as the API and the audit write them: durations in their one written form
 * ({@link SlaDurations#format}), absent where an override follows the global settings.
 *
 * @param autoCloseAfter how long a resolved incident waits for the caller's answer before
 * it closes itself
 * @param callerReplyTimeout how long a question to the caller waits for the reply
 * @param pausingReasons the hold reasons that pause the SLA clock
 */
public record SlaValuesView(@Schema(example = "P3D") String autoCloseAfter,
		@Schema(example = "P2D") String callerReplyTimeout,
		@Schema(example = "[\"AWAITING_CALLER\", \"AWAITING_VENDOR\", \"AWAITING_CHANGE\"]") List<String> pausingReasons) {

	/** The values written as the API writes them. */
	public static SlaValuesView of(SlaValues values) {
		return new SlaValuesView(format(values.autoCloseAfter()), format(values.callerReplyTimeout()),
				(values.pausingReasons() != null) ? List.copyOf(values.pausingReasons()) : null);
	}

	private static String format(Duration duration) {
		return (duration != null) ? SlaDurations.format(duration) : null;
	}

}

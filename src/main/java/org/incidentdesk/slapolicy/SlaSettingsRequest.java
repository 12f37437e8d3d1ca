package org.incidentdesk.slapolicy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;
import org.incidentdesk.system.RefusedRequestException;

/**
 * The SLA settings an administrator sends: the global settings (every value) or a
 * tenant's override (a value left out follows the global settings). What a read answered
 * besides the values (who changed them when, the effective settings) may be sent back as
 * it is and is ignored, so a read, edited, can be sent again.
 *
 * @param autoCloseAfter ISO-8601 duration in whole days, hours, minutes and seconds
 * @param callerReplyTimeout as {@code autoCloseAfter}
 * @param pausingReasons names of hold reasons; empty for none
 * @param version the version the change is based on, or {@code null} to replace whatever
 * is stored
 */
@JsonIgnoreProperties({ "tenantId", "effective", "updatedAt", "updatedBy" })
public record SlaSettingsRequest(@Schema(example = "P3D") String autoCloseAfter,
		@Schema(example = "P2D") String callerReplyTimeout,
		@Schema(example = "[\"AWAITING_CALLER\", \"AWAITING_VENDOR\", \"AWAITING_CHANGE\"]") List<String> pausingReasons,
		@Schema(description = "The version the change is based on; a stale one is refused with 409",
				example = "1") Integer version) {

	/**
	 * The global settings this asks for.
	 * @throws RefusedRequestException (invalid) naming the first bad field in
	 * {@code field}, every one in {@code errors}
	 */
	public SlaValues toGlobal(KnownHoldReasons holdReasons) {
		return values(holdReasons, true);
	}

	/**
	 * The tenant's override this asks for.
	 * @throws RefusedRequestException as {@link #toGlobal}
	 */
	public SlaValues toOverride(KnownHoldReasons holdReasons) {
		return values(holdReasons, false);
	}

	private SlaValues values(KnownHoldReasons holdReasons, boolean complete) {
		List<String[]> problems = new ArrayList<>();
		Duration autoClose = duration("autoCloseAfter", this.autoCloseAfter, complete, problems);
		Duration callerReply = duration("callerReplyTimeout", this.callerReplyTimeout, complete, problems);
		Set<String> pausing = reasons(holdReasons, complete, problems);
		if (!problems.isEmpty()) {
			List<String> errors = problems.stream().map(problem -> problem[0] + ": " + problem[1]).toList();
			throw RefusedRequestException.invalid("Invalid SLA settings", errors.get(0))
				.with("field", problems.get(0)[0])
				.with("errors", errors);
		}
		return new SlaValues(autoClose, callerReply, pausing);
	}

	private static Duration duration(String field, String text, boolean required, List<String[]> problems) {
		if (text == null || text.isBlank()) {
			if (required) {
				problems.add(new String[] { field, "is required, an ISO-8601 duration like P3D or PT4H." });
			}
			else if (text != null) {
				problems.add(new String[] { field,
						"is blank; leave it out to follow the global setting, or give a duration like P3D." });
			}
			return null;
		}
		SlaDurations.Parsed parsed = SlaDurations.parse(text);
		parsed.problem().ifPresent(refusal -> problems.add(new String[] { field, refusal }));
		return parsed.duration();
	}

	private Set<String> reasons(KnownHoldReasons holdReasons, boolean required, List<String[]> problems) {
		String known = "the hold reasons are " + String.join(", ", holdReasons.names()) + ".";
		if (this.pausingReasons == null) {
			if (required) {
				problems.add(new String[] { "pausingReasons",
						"is required: the hold reasons that pause the SLA clock, [] for none; " + known });
			}
			return null;
		}
		Set<String> named = new LinkedHashSet<>();
		for (int i = 0; i < this.pausingReasons.size(); i++) {
			String reason = this.pausingReasons.get(i);
			if (reason == null || !holdReasons.contains(reason)) {
				problems.add(new String[] { "pausingReasons[" + i + "]",
						((reason == null) ? "is empty" : "'" + reason + "' is no hold reason") + "; " + known });
			}
			else {
				named.add(reason);
			}
		}
		// In the hold reasons' order, so that equal settings read alike.
		Set<String> ordered = new LinkedHashSet<>(holdReasons.names());
		ordered.retainAll(named);
		return ordered;
	}

}

package org.incidentdesk.slapolicy;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SLA settings an installation starts with ({@code incident-desk.sla.*}): at the
 * first start, when the database holds no SLA settings yet, they become the global
 * settings; from then on administrators change them at runtime ({@link SlaPolicy},
 * {@code /api/v1/admin/sla/settings}) and these properties are no longer read. The
 * periods that are per priority are in {@code processes/SlaTargets.dmn}.
 *
 * @param autoCloseAfter how long a resolved incident waits for the caller before it
 * closes itself
 * @param callerReplyTimeout how long the service desk waits for the caller's reply to a
 * question
 * @param pausingReasons the hold reasons ({@code HoldReason} names) that pause the SLA
 * clock while an incident is on hold for them
 */
@ConfigurationProperties("incident-desk.sla")
public record SlaSettings(@DefaultValue("P3D") Duration autoCloseAfter,
		@DefaultValue("P2D") Duration callerReplyTimeout, @DefaultValue( {
				"AWAITING_CALLER", "AWAITING_VENDOR", "AWAITING_CHANGE" }) List<String> pausingReasons){

	public SlaSettings {
		check("incident-desk.sla.auto-close-after", autoCloseAfter);
		check("incident-desk.sla.caller-reply-timeout", callerReplyTimeout);
		pausingReasons = List.copyOf(pausingReasons);
	}

	private static void check(String property, Duration duration) {
		SlaDurations.Parsed parsed = SlaDurations.parse(duration.toString());
		if (parsed.refusal() != null) {
			throw new IllegalArgumentException(property + " " + parsed.refusal());
		}
	}

}

package org.incidentdesk.slapolicy;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One level of SLA settings. The global settings and the settings that apply to a tenant
 * have every value; a tenant's override has those it sets and {@code null} for those that
 * follow the global settings.
 *
 * @param autoCloseAfter how long a resolved incident waits for the caller's answer before
 * it closes itself
 * @param callerReplyTimeout how long a question to the caller waits for the reply before
 * the incident returns to the service desk
 * @param pausingReasons the names of the hold reasons that pause the SLA clock (an empty
 * set: none does), in the order of the hold reasons
 */
public record SlaValues(Duration autoCloseAfter, Duration callerReplyTimeout, Set<String> pausingReasons) {

	/** An override that sets nothing: the tenant follows the global settings. */
	static final SlaValues NO_OVERRIDE = new SlaValues(null, null, null);

	public SlaValues {
		pausingReasons = (pausingReasons != null) ? Collections.unmodifiableSet(new LinkedHashSet<>(pausingReasons))
				: null;
	}

	/** These values where they are set, else the global ones. */
	SlaValues over(SlaValues global) {
		return new SlaValues((this.autoCloseAfter != null) ? this.autoCloseAfter : global.autoCloseAfter(),
				(this.callerReplyTimeout != null) ? this.callerReplyTimeout : global.callerReplyTimeout(),
				(this.pausingReasons != null) ? this.pausingReasons : global.pausingReasons());
	}

	/** Whether this sets no value at all (as an override: there is none). */
	boolean isEmpty() {
		return this.autoCloseAfter == null && this.callerReplyTimeout == null && this.pausingReasons == null;
	}

	/** Whether every value is set, as the global settings must be. */
	boolean isComplete() {
		return this.autoCloseAfter != null && this.callerReplyTimeout != null && this.pausingReasons != null;
	}

}

package org.incidentdesk.classification;

import org.springframework.stereotype.Component;

/**
 * The SLA periods as the process model reads them, for example
 * {@code ${slaPolicy.autoCloseAfter}} on a timer, as ISO-8601 durations. Keeping them
 * here instead of in the diagram lets an administrator tune them without touching the
 * model.
 */
@Component("slaPolicy")
public class SlaPolicy {

	private final SlaSettings settings;

	SlaPolicy(SlaSettings settings) {
		this.settings = settings;
	}

	public String getAutoCloseAfter() {
		return this.settings.autoCloseAfter().toString();
	}

	public String getCallerReplyTimeout() {
		return this.settings.callerReplyTimeout().toString();
	}

}

package org.incidentdesk.slapolicy;

import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * The SLA settings as the process model and the other modules read them: the periods as
 * ISO-8601 durations for the timers, for example
 * {@code ${slaPolicy.autoCloseAfter(tenantId)}}, and which hold reasons pause the SLA
 * clock. Each question is for a tenant: its override where it has one, else the global
 * settings. Administrators change them at runtime ({@code /api/v1/admin/sla/settings});
 * every answer reflects the settings committed at that moment, on whichever node changed
 * them, so a timer created after a change uses the new value.
 */
@Component("slaPolicy")
public class SlaPolicy {

	private final SlaSettingsStore store;

	SlaPolicy(SlaSettingsStore store) {
		this.store = store;
	}

	/** The settings that apply to the tenant (to the global ones for {@code null}). */
	public SlaValues settingsFor(String tenantId) {
		return this.store.effective(tenantId);
	}

	/**
	 * How long the tenant's resolved incidents wait for the caller's answer before they
	 * close themselves, as the timer reads it ({@code P3D}).
	 */
	public String autoCloseAfter(String tenantId) {
		return SlaDurations.format(settingsFor(tenantId).autoCloseAfter());
	}

	/**
	 * How long a question to the tenant's caller waits for the reply, as the timer reads
	 * it ({@code P2D}).
	 */
	public String callerReplyTimeout(String tenantId) {
		return SlaDurations.format(settingsFor(tenantId).callerReplyTimeout());
	}

	/**
	 * The global auto-close period, for incidents running on a version of the diagram
	 * whose timer reads {@code ${slaPolicy.autoCloseAfter}}.
	 */
	public String getAutoCloseAfter() {
		return autoCloseAfter(null);
	}

	/**
	 * The global caller-reply timeout, for incidents running on a version of the diagram
	 * whose timer reads {@code ${slaPolicy.callerReplyTimeout}}.
	 */
	public String getCallerReplyTimeout() {
		return callerReplyTimeout(null);
	}

	/**
	 * The names of the hold reasons that pause the tenant's SLA clock while an incident
	 * is on hold for them (empty: none does).
	 */
	public Set<String> pausingReasons(String tenantId) {
		return settingsFor(tenantId).pausingReasons();
	}

	/**
	 * Whether an incident of the tenant on hold for this reason (a {@code HoldReason}
	 * name) stops its SLA clock.
	 */
	public boolean pauses(String tenantId, String holdReason) {
		return holdReason != null && pausingReasons(tenantId).contains(holdReason);
	}

}

package org.incidentdesk.incident;

import java.time.OffsetDateTime;

/**
 * Where an incident's SLA clock stands: the time used, paused and left, all in the
 * incident's clock (business time of its organisation's calendar, or every hour).
 *
 * @param clock {@code BUSINESS_HOURS} or {@code AROUND_THE_CLOCK}
 * @param paused whether the clock is paused now by a hold (a resolved incident's clock is
 * stopped, not paused)
 * @param pausedSeconds the paused time, earlier pauses and the running one
 * @param elapsedSeconds the time used since the report, net of the pauses, up to now or
 * up to the resolution
 * @param remainingSeconds the time left to the resolution due date, negative when
 * overdue; it stands still while the clock is paused or stopped; null before
 * classification
 * @param resolutionWarningAt when the warning is due
 */
public record SlaStatus(Clock clock, boolean paused, long pausedSeconds, long elapsedSeconds, Long remainingSeconds,
		OffsetDateTime resolutionWarningAt) {

	/** The clock an incident's SLA targets count in (SlaTargets.dmn, output clock). */
	public enum Clock {

		BUSINESS_HOURS, AROUND_THE_CLOCK

	}

}

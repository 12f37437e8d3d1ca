package org.incidentdesk.incident;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

import org.incidentdesk.sla.BusinessCalendar;
import org.incidentdesk.sla.BusinessCalendars;
import org.incidentdesk.sla.SlaClock;
import org.incidentdesk.system.EngineClock;
import org.springframework.stereotype.Component;

/**
 * Reads where an incident's SLA clock stands ({@link SlaStatus}) from its record at the
 * engine's time. The clock runs from the report; it pauses from {@code slaPausedAt} (a
 * hold) and stops at the resolution, so elapsed and remaining time stand still while it
 * is paused or stopped.
 */
@Component
public class SlaStatuses {

	private final BusinessCalendars calendars;

	private final EngineClock clock;

	SlaStatuses(BusinessCalendars calendars, EngineClock clock) {
		this.calendars = calendars;
		this.clock = clock;
	}

	public SlaStatus of(Incident incident) {
		return of(incident, this.clock.now());
	}

	SlaStatus of(Incident incident, Instant now) {
		BusinessCalendar calendar = incident.slaBusinessHours() ? this.calendars.calendarOf(incident.tenantId()) : null;
		Instant end = end(incident, now);
		Instant created = incident.createdAt().toInstant();
		if (end.isBefore(created)) {
			end = created;
		}
		Instant stop = (incident.slaPausedAt() != null && incident.slaPausedAt().toInstant().isBefore(end))
				? incident.slaPausedAt().toInstant() : end;
		if (stop.isBefore(created)) {
			stop = created;
		}
		long earlier = incident.slaPausedSeconds();
		long running = between(calendar, stop, end).toSeconds();
		long elapsed = Math.max(0, between(calendar, created, stop).toSeconds() - earlier);
		Long remaining = (incident.resolutionDueAt() != null)
				? between(calendar, stop, incident.resolutionDueAt().toInstant()).toSeconds() : null;
		boolean paused = incident.slaPausedAt() != null && incident.state().isOpen();
		return new SlaStatus(
				incident.slaBusinessHours() ? SlaStatus.Clock.BUSINESS_HOURS : SlaStatus.Clock.AROUND_THE_CLOCK, paused,
				earlier + running, elapsed, remaining, incident.resolutionWarningAt());
	}

	/**
	 * Up to when the clock can have run: the resolution, the closure or the cancellation
	 * of an incident that is over, else now.
	 */
	private static Instant end(Incident incident, Instant now) {
		OffsetDateTime over = (incident.resolvedAt() != null) ? incident.resolvedAt() : (incident.closedAt() != null)
				? incident.closedAt() : (incident.state() == IncidentState.CANCELLED) ? incident.updatedAt() : null;
		return (over != null && over.toInstant().isBefore(now)) ? over.toInstant() : now;
	}

	private static Duration between(BusinessCalendar calendar, Instant from, Instant to) {
		return (calendar != null) ? SlaClock.businessTimeBetween(calendar, from, to) : Duration.between(from, to);
	}

}

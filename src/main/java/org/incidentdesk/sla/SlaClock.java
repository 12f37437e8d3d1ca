package org.incidentdesk.sla;

import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Service;

/**
 * The one SLA clock: adds business time to an instant and measures business time between
 * two, with a tenant's business calendar (its own, else the default one of
 * {@link CalendarSettings}) or with a given calendar. Business time runs only inside the
 * calendar's working spans, in its time zone, and not on its holidays; across a clock
 * change it is the real time that passes.
 * <p>
 * The tenant's calendar is read through {@link BusinessCalendars}, whose cache checks the
 * stored version on every read, so a change made on any node counts from the next call.
 */
@Service
public class SlaClock {

	private final BusinessCalendars calendars;

	SlaClock(BusinessCalendars calendars) {
		this.calendars = calendars;
	}

	/**
	 * When {@code businessDuration} of the tenant's business time has passed after
	 * {@code start}; see {@link #addBusinessTime(BusinessCalendar, Instant, Duration)}.
	 */
	public Instant addBusinessTime(String tenantId, Instant start, Duration businessDuration) {
		return addBusinessTime(this.calendars.calendarOf(tenantId), start, businessDuration);
	}

	/**
	 * The tenant's business time from {@code from} to {@code to}; see
	 * {@link #businessTimeBetween(BusinessCalendar, Instant, Instant)}.
	 */
	public Duration businessTimeBetween(String tenantId, Instant from, Instant to) {
		return businessTimeBetween(this.calendars.calendarOf(tenantId), from, to);
	}

	/**
	 * The earliest instant at which {@code businessDuration} of working time has passed
	 * after {@code start}. A start outside working time counts from the next opening; a
	 * due date that falls on the end of a span stays there (17:00, not the next morning).
	 * A zero duration answers {@code start} itself.
	 * @throws IllegalArgumentException for a negative duration, or one that reaches more
	 * than 100 years ahead
	 * @throws InvalidCalendarException when holidays leave no working time for 10 years
	 */
	public static Instant addBusinessTime(BusinessCalendar calendar, Instant start, Duration businessDuration) {
		return BusinessTime.add(calendar, start, businessDuration);
	}

	/**
	 * The working time from {@code from} to {@code to}: negative when {@code to} is
	 * before {@code from}. The inverse of
	 * {@link #addBusinessTime(BusinessCalendar, Instant, Duration)}:
	 * {@code businessTimeBetween(c, s, addBusinessTime(c, s, d))} is {@code d}.
	 * @throws IllegalArgumentException when the two are more than 100 years apart
	 */
	public static Duration businessTimeBetween(BusinessCalendar calendar, Instant from, Instant to) {
		return BusinessTime.between(calendar, from, to);
	}

}

package org.incidentdesk.sla;

import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Service;

/**
 * The one SLA clock: adds business time to an instant and measures business time between
 * two, with a given business calendar. Business time runs only inside the calendar's
 * working spans, in its time zone, and not on its holidays; across a clock change it is
 * the real time that passes.
 */
@Service
public class SlaClock {

	SlaClock() {
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

package org.incidentdesk.sla;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The arithmetic of business time, day by day in the calendar's zone: a day contributes
 * its working spans as a whole, so a long duration costs one step per calendar day, never
 * one per minute. Business time is the real time that passes inside the working spans, so
 * a span across a clock change is an hour shorter or longer that day.
 */
final class BusinessTime {

	/**
	 * The longest stretch of days without any working time that is searched through
	 * before the calendar is taken to be unusable there (holidays on every working day).
	 */
	static final Period MAX_GAP = Period.ofYears(10);

	/** The longest range either function goes through, so that no request runs away. */
	static final Period MAX_RANGE = Period.ofYears(100);

	private BusinessTime() {
	}

	static Instant add(BusinessCalendar calendar, Instant start, Duration amount) {
		Objects.requireNonNull(calendar, "calendar");
		Objects.requireNonNull(start, "start");
		Objects.requireNonNull(amount, "businessDuration");
		if (amount.isNegative()) {
			throw new IllegalArgumentException("A business duration is not negative: " + amount);
		}
		if (amount.isZero()) {
			return start;
		}
		ZoneId zone = calendar.zone();
		LocalDate day = start.atZone(zone).toLocalDate();
		LocalDate lastDay = day.plus(MAX_RANGE);
		LocalDate lastWorkingDay = day;
		Duration remaining = amount;
		while (true) {
			for (WorkingSpan span : calendar.spansOn(day)) {
				Instant from = later(span.startOn(day, zone), start);
				Instant to = span.endOn(day, zone);
				if (to.isAfter(from)) {
					Duration available = Duration.between(from, to);
					if (available.compareTo(remaining) >= 0) {
						return from.plus(remaining);
					}
					remaining = remaining.minus(available);
					lastWorkingDay = day;
				}
			}
			day = day.plusDays(1);
			if (day.isAfter(lastWorkingDay.plus(MAX_GAP))) {
				throw new InvalidCalendarException("holidays",
						"there is no working time between " + lastWorkingDay + " and " + day
								+ ": holidays cover every working day of " + MAX_GAP.getYears()
								+ " years. Check the calendar's holidays.");
			}
			if (day.isAfter(lastDay)) {
				throw new IllegalArgumentException(
						"Adding " + amount + " of business time reaches beyond " + MAX_RANGE.getYears() + " years");
			}
		}
	}

	static Duration between(BusinessCalendar calendar, Instant from, Instant to) {
		Objects.requireNonNull(calendar, "calendar");
		Objects.requireNonNull(from, "from");
		Objects.requireNonNull(to, "to");
		if (to.isBefore(from)) {
			return between(calendar, to, from).negated();
		}
		ZoneId zone = calendar.zone();
		LocalDate day = from.atZone(zone).toLocalDate();
		LocalDate lastDay = to.atZone(zone).toLocalDate();
		if (ChronoUnit.DAYS.between(day, lastDay) > ChronoUnit.DAYS.between(day, day.plus(MAX_RANGE))) {
			throw new IllegalArgumentException("Business time is measured over at most " + MAX_RANGE.getYears()
					+ " years, not from " + from + " to " + to);
		}
		Duration total = Duration.ZERO;
		for (; !day.isAfter(lastDay); day = day.plusDays(1)) {
			for (WorkingSpan span : calendar.spansOn(day)) {
				Instant start = later(span.startOn(day, zone), from);
				Instant end = earlier(span.endOn(day, zone), to);
				if (end.isAfter(start)) {
					total = total.plus(Duration.between(start, end));
				}
			}
		}
		return total;
	}

	private static Instant later(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

	private static Instant earlier(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

}

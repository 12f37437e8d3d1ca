package org.incidentdesk.sla;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One span of working time on a day, in the calendar's local time, written
 * {@code HH:MM-HH:MM}. The start is before the end; an end of {@code 24:00} (held as
 * {@link LocalTime#MIDNIGHT}) means the end of the day, so {@code 00:00-24:00} is a whole
 * day.
 *
 * @param start the first moment of the span
 * @param end the moment the span ends (not part of it); {@link LocalTime#MIDNIGHT} for
 * the end of the day
 */
public record WorkingSpan(LocalTime start, LocalTime end) {

	private static final Pattern TEXT = Pattern.compile("(\\d{2}:\\d{2})-(\\d{2}:\\d{2})");

	private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

	public WorkingSpan {
		Objects.requireNonNull(start, "start");
		Objects.requireNonNull(end, "end");
		if (start.getSecond() != 0 || start.getNano() != 0 || end.getSecond() != 0 || end.getNano() != 0) {
			throw new IllegalArgumentException("A working span starts and ends on a whole minute");
		}
		if (!endsAtMidnight(end) && !start.isBefore(end)) {
			throw new IllegalArgumentException(
					"A working span ends after it starts: " + start.format(HH_MM) + "-" + end.format(HH_MM));
		}
	}

	/**
	 * Reads {@code HH:MM-HH:MM}, for example {@code 08:00-12:00} or {@code 22:00-24:00}.
	 * @param field what the API calls the value, for the refusal
	 * @throws InvalidCalendarException naming {@code field} when the text is no span
	 */
	public static WorkingSpan parse(String field, String text) {
		Matcher matcher = TEXT.matcher((text != null) ? text.strip() : "");
		if (!matcher.matches()) {
			throw new InvalidCalendarException(field,
					"'" + text + "' is not a working span; write HH:MM-HH:MM, for example 08:00-12:00.");
		}
		LocalTime start = time(field, text, matcher.group(1), false);
		LocalTime end = time(field, text, matcher.group(2), true);
		if (!endsAtMidnight(end) && !start.isBefore(end)) {
			throw new InvalidCalendarException(field, "'" + text + "' ends before it starts (or is empty); "
					+ "a span ends after it starts, and a span into the night ends at 24:00.");
		}
		return new WorkingSpan(start, end);
	}

	private static LocalTime time(String field, String text, String time, boolean end) {
		if (end && time.equals("24:00")) {
			return LocalTime.MIDNIGHT;
		}
		try {
			return LocalTime.parse(time, HH_MM);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidCalendarException(field, "'" + text + "' has the time '" + time
					+ "', which is no time of day (00:00 to 23:59, or 24:00 as an end).");
		}
	}

	private static boolean endsAtMidnight(LocalTime end) {
		return end.equals(LocalTime.MIDNIGHT);
	}

	/** Whether the span runs to the end of the day ({@code 24:00}). */
	public boolean untilMidnight() {
		return endsAtMidnight(this.end);
	}

	/** Whether the two spans share any moment. */
	boolean overlaps(WorkingSpan other) {
		return this.start.isBefore(other.endOfDayAware()) && other.start.isBefore(endOfDayAware());
	}

	/** The end for comparisons: 24:00 as the last representable moment of the day. */
	private LocalTime endOfDayAware() {
		return untilMidnight() ? LocalTime.MAX : this.end;
	}

	/**
	 * When the span starts on the day in the zone. In a clock change's gap the local time
	 * moves on by the gap's length, as {@link ZonedDateTime#of} does.
	 */
	Instant startOn(LocalDate day, ZoneId zone) {
		return ZonedDateTime.of(day, this.start, zone).toInstant();
	}

	/** When the span ends on the day in the zone. */
	Instant endOn(LocalDate day, ZoneId zone) {
		return untilMidnight() ? day.plusDays(1).atStartOfDay(zone).toInstant()
				: ZonedDateTime.of(day, this.end, zone).toInstant();
	}

	/** {@code HH:MM-HH:MM}, as {@link #parse} reads it. */
	@Override
	public String toString() {
		return this.start.format(HH_MM) + "-" + (untilMidnight() ? "24:00" : this.end.format(HH_MM));
	}

}

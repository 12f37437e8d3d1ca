package org.incidentdesk.report;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.incidentdesk.system.RefusedRequestException;

/**
 * The period of a report: whole days of a time zone, {@code from} inclusive and
 * {@code to} exclusive. The report API counts in UTC unless it is given a zone; the
 * manager dashboard counts one organisation's figures in that organisation's zone, so
 * that "today" is the organisation's today.
 *
 * @param from the first day
 * @param to the day after the last
 * @param zone the time zone the days are in
 */
public record ReportPeriod(LocalDate from, LocalDate to, ZoneId zone) {

	/** The days a report covers when it is not told. */
	public static final int DEFAULT_DAYS = 30;

	/** The most days one report covers. */
	public static final int MAX_DAYS = 366;

	/**
	 * The period asked for, as the report API reads it: {@code to} defaults to the day
	 * after today (in the zone), {@code from} to {@value #DEFAULT_DAYS} days before
	 * {@code to}; a period ends after it starts and covers at most {@value #MAX_DAYS}
	 * days. Refuses what cannot be read with a message that says what to write.
	 * @param from a date (yyyy-mm-dd) or null (or blank)
	 * @param to a date (yyyy-mm-dd) or null (or blank)
	 * @param zone the time zone of the days
	 * @param now the engine's time
	 */
	public static ReportPeriod of(String from, String to, ZoneId zone, Instant now) {
		LocalDate end = blank(to) ? now.atZone(zone).toLocalDate().plusDays(1) : date("to", to);
		LocalDate start = blank(from) ? end.minusDays(DEFAULT_DAYS) : date("from", from);
		if (!start.isBefore(end)) {
			throw RefusedRequestException.invalid(null, "from (" + start + ") must be before to (" + end + ").");
		}
		if (ChronoUnit.DAYS.between(start, end) > MAX_DAYS) {
			throw RefusedRequestException.invalid(null,
					"A report covers at most " + MAX_DAYS + " days; narrow from and to.");
		}
		return new ReportPeriod(start, end, zone);
	}

	/**
	 * A time zone as the report API takes it: an IANA id such as {@code Asia/Jakarta}, or
	 * UTC when none is given.
	 */
	public static ZoneId zone(String timeZone) {
		if (blank(timeZone)) {
			return ZoneId.of("UTC");
		}
		try {
			return ZoneId.of(timeZone.trim());
		}
		catch (DateTimeException ex) {
			throw RefusedRequestException.invalid(null,
					"timeZone '" + timeZone + "' is not a time zone; write an IANA id such as Asia/Jakarta or UTC.");
		}
	}

	/** When the period starts: midnight of its first day in its zone. */
	public OffsetDateTime start() {
		return this.from.atStartOfDay(this.zone).toOffsetDateTime();
	}

	/** When the period ends: midnight after its last day in its zone. */
	public OffsetDateTime end() {
		return this.to.atStartOfDay(this.zone).toOffsetDateTime();
	}

	/** Every day of the period, in order. */
	public List<LocalDate> days() {
		return this.from.datesUntil(this.to).toList();
	}

	private static LocalDate date(String name, String value) {
		try {
			return LocalDate.parse(value.trim());
		}
		catch (DateTimeParseException ex) {
			throw RefusedRequestException.invalid(null,
					name + " '" + value + "' is not a date; write it as yyyy-mm-dd.");
		}
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}

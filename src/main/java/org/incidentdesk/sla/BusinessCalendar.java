package org.incidentdesk.sla;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A customer organisation's business calendar: the time zone its working hours are in,
 * the spans of working time on each weekday (several a day, none overlapping), and dated
 * holidays on which nobody works. Immutable, and valid once constructed: the constructor
 * refuses an invalid one with an {@link InvalidCalendarException} that names the field.
 * {@link SlaClock} counts business time with it.
 *
 * @param zone the time zone of the working hours and of the holidays' dates
 * @param workingHours the working spans per weekday, sorted by start; a weekday without
 * spans (or left out) is a day off
 * @param holidays the days off besides the weekly ones, by date, with their names
 */
public record BusinessCalendar(ZoneId zone, Map<DayOfWeek, List<WorkingSpan>> workingHours,
		SortedMap<LocalDate, String> holidays) {

	/** The most working spans a day may have. */
	public static final int MAX_SPANS_PER_DAY = 12;

	/**
	 * The most holidays a calendar keeps: decades of decreed days off, and small enough
	 * that the audit keeps the whole calendar with every change.
	 */
	public static final int MAX_HOLIDAYS = 2000;

	/** The longest holiday name. */
	public static final int MAX_HOLIDAY_NAME = 200;

	public BusinessCalendar {
		if (zone == null) {
			throw new InvalidCalendarException("timeZone", "is required, for example Asia/Jakarta.");
		}
		workingHours = checkedWorkingHours(workingHours);
		holidays = checkedHolidays(holidays);
	}

	/**
	 * A calendar with the same spans on Monday to Friday and no holidays.
	 */
	public static BusinessCalendar weekdays(ZoneId zone, WorkingSpan... spans) {
		Map<DayOfWeek, List<WorkingSpan>> hours = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : DayOfWeek.values()) {
			if (day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY) {
				hours.put(day, List.of(spans));
			}
		}
		return new BusinessCalendar(zone, hours, new TreeMap<>());
	}

	/**
	 * Reads a time zone id such as {@code Asia/Jakarta}, {@code Europe/Amsterdam} or
	 * {@code UTC}.
	 * @throws InvalidCalendarException naming {@code timeZone} when there is no such zone
	 */
	public static ZoneId timeZone(String id) {
		if (id == null || id.isBlank()) {
			throw new InvalidCalendarException("timeZone", "is required, for example Asia/Jakarta.");
		}
		try {
			return ZoneId.of(id.strip());
		}
		catch (DateTimeException ex) {
			throw new InvalidCalendarException("timeZone",
					"'" + id + "' is no time zone; use an IANA time zone id such as Asia/Jakarta or Europe/Amsterdam.");
		}
	}

	/** The working spans of a weekday, sorted by start; empty on a day off. */
	public List<WorkingSpan> spansOn(DayOfWeek day) {
		return this.workingHours.getOrDefault(day, List.of());
	}

	/**
	 * The working spans of a date: those of its weekday, or none when it is a holiday.
	 */
	public List<WorkingSpan> spansOn(LocalDate date) {
		return isHoliday(date) ? List.of() : spansOn(date.getDayOfWeek());
	}

	public boolean isHoliday(LocalDate date) {
		return this.holidays.containsKey(date);
	}

	/**
	 * This calendar with the given holidays added; a date it has already takes the new
	 * name.
	 */
	public BusinessCalendar withHolidays(Map<LocalDate, String> added) {
		SortedMap<LocalDate, String> merged = new TreeMap<>(this.holidays);
		merged.putAll(added);
		return new BusinessCalendar(this.zone, this.workingHours, merged);
	}

	private static Map<DayOfWeek, List<WorkingSpan>> checkedWorkingHours(Map<DayOfWeek, List<WorkingSpan>> hours) {
		if (hours == null) {
			throw new InvalidCalendarException("workingHours", "is required: the working spans per weekday.");
		}
		Map<DayOfWeek, List<WorkingSpan>> checked = new EnumMap<>(DayOfWeek.class);
		boolean anyWorkingTime = false;
		for (Map.Entry<DayOfWeek, List<WorkingSpan>> entry : hours.entrySet()) {
			DayOfWeek day = Objects.requireNonNull(entry.getKey(), "weekday");
			String field = "workingHours." + day;
			List<WorkingSpan> spans = (entry.getValue() != null) ? new ArrayList<>(entry.getValue()) : List.of();
			if (spans.contains(null)) {
				throw new InvalidCalendarException(field, "has an empty span.");
			}
			if (spans.size() > MAX_SPANS_PER_DAY) {
				throw new InvalidCalendarException(field,
						"has " + spans.size() + " spans; a day has at most " + MAX_SPANS_PER_DAY + ".");
			}
			spans.sort(Comparator.comparing(WorkingSpan::start));
			for (int i = 1; i < spans.size(); i++) {
				if (spans.get(i - 1).overlaps(spans.get(i))) {
					throw new InvalidCalendarException(field, "the spans " + spans.get(i - 1) + " and " + spans.get(i)
							+ " overlap; give each moment of the day once.");
				}
			}
			if (!spans.isEmpty()) {
				anyWorkingTime = true;
				checked.put(day, List.copyOf(spans));
			}
		}
		if (!anyWorkingTime) {
			throw new InvalidCalendarException("workingHours",
					"the calendar has no working time at all; give at least one weekday a span such as 08:00-17:00.");
		}
		return Collections.unmodifiableMap(checked);
	}

	private static SortedMap<LocalDate, String> checkedHolidays(Map<LocalDate, String> holidays) {
		SortedMap<LocalDate, String> checked = new TreeMap<>();
		if (holidays == null) {
			return Collections.unmodifiableSortedMap(checked);
		}
		if (holidays.size() > MAX_HOLIDAYS) {
			throw new InvalidCalendarException("holidays",
					"has " + holidays.size() + " dates; a calendar keeps at most " + MAX_HOLIDAYS
							+ ". Remove past years that no open incident needs.");
		}
		for (Map.Entry<LocalDate, String> entry : holidays.entrySet()) {
			LocalDate date = Objects.requireNonNull(entry.getKey(), "holiday date");
			String name = (entry.getValue() != null) ? entry.getValue().strip() : "";
			if (name.isEmpty()) {
				throw new InvalidCalendarException("holidays", "the holiday on " + date + " has no name.");
			}
			if (name.length() > MAX_HOLIDAY_NAME) {
				throw new InvalidCalendarException("holidays",
						"the name of the holiday on " + date + " is longer than " + MAX_HOLIDAY_NAME + " characters.");
			}
			checked.put(date, name);
		}
		return Collections.unmodifiableSortedMap(checked);
	}

}

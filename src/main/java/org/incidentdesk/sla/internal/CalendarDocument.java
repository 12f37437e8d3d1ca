package org.incidentdesk.sla.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.swagger.v3.oas.annotations.media.Schema;
import org.incidentdesk.sla.BusinessCalendar;
import org.incidentdesk.sla.InvalidCalendarException;
import org.incidentdesk.sla.WorkingSpan;

/**
 * A business calendar as the administrators' API and the audit write it:
 * {@code {"timeZone": "Asia/Jakarta", "workingHours": {"MONDAY": ["08:00-12:00",
 * "13:00-17:00"], ...}, "holidays": [{"date": "2026-01-01", "name": "..."}], "version":
 * 3}}. Read from a request, every value is checked and a refusal names the field.
 *
 * @param timeZone an IANA time zone id
 * @param workingHours weekday (MONDAY to SUNDAY) to working spans HH:MM-HH:MM
 * @param holidays dated days off with their names
 * @param version the stored version; in a request optional, and when given the version
 * the change is based on
 */
@Schema(name = "BusinessCalendar")
public record CalendarDocument(@Schema(example = "Asia/Jakarta", description = "IANA time zone id") String timeZone,
		@Schema(example = "{\"MONDAY\": [\"08:00-12:00\", \"13:00-17:00\"], \"SATURDAY\": []}",
				description = "Working spans HH:MM-HH:MM per weekday (MONDAY to SUNDAY); a weekday left out or "
						+ "with no spans is a day off; 24:00 ends a span at midnight") Map<String, List<String>> workingHours,
		List<Holiday> holidays,
		@Schema(description = "The stored version (0: the tenant has no calendar of its own and this is the "
				+ "default). In a PUT optional: the version the change is based on; a stale one is refused with 409.") Integer version) {

	/**
	 * A dated day off.
	 *
	 * @param date ISO date, YYYY-MM-DD
	 * @param name the holiday's name
	 */
	public record Holiday(@Schema(example = "2026-01-01") String date,
			@Schema(example = "Tahun Baru 2026 Masehi") String name) {

	}

	/** The document of a calendar, every weekday listed (a day off with no spans). */
	public static CalendarDocument of(BusinessCalendar calendar, int version) {
		Map<String, List<String>> hours = new LinkedHashMap<>();
		for (DayOfWeek day : DayOfWeek.values()) {
			hours.put(day.name(), calendar.spansOn(day).stream().map(WorkingSpan::toString).toList());
		}
		List<Holiday> holidays = calendar.holidays()
			.entrySet()
			.stream()
			.map(entry -> new Holiday(entry.getKey().toString(), entry.getValue()))
			.toList();
		return new CalendarDocument(calendar.zone().getId(), hours, holidays, version);
	}

	/**
	 * The calendar this document describes.
	 * @throws InvalidCalendarException naming the first field that is wrong
	 */
	public BusinessCalendar toCalendar() {
		var zone = BusinessCalendar.timeZone(this.timeZone);
		Map<DayOfWeek, List<WorkingSpan>> hours = workingHours(this.workingHours);
		if (this.holidays == null) {
			throw new InvalidCalendarException("holidays",
					"is required: the dated days off, [] for none. A PUT replaces the whole calendar.");
		}
		if (this.holidays.size() > BusinessCalendar.MAX_HOLIDAYS) {
			throw new InvalidCalendarException("holidays", "has " + this.holidays.size()
					+ " dates; a calendar keeps at most " + BusinessCalendar.MAX_HOLIDAYS + ".");
		}
		Map<LocalDate, String> days = new TreeMap<>();
		Map<LocalDate, Integer> seenAt = new HashMap<>();
		for (int i = 0; i < this.holidays.size(); i++) {
			Holiday holiday = this.holidays.get(i);
			String field = "holidays[" + i + "]";
			if (holiday == null) {
				throw new InvalidCalendarException(field, "is empty; give a date and a name.");
			}
			LocalDate date = HolidayCsv.date(field + ".date", holiday.date());
			String name = HolidayCsv.name(field + ".name", holiday.name());
			Integer earlier = seenAt.putIfAbsent(date, i);
			if (earlier != null) {
				throw new InvalidCalendarException(field + ".date",
						date + " is given twice (also holidays[" + earlier + "]); give each date once.");
			}
			days.put(date, name);
		}
		return new BusinessCalendar(zone, hours, new TreeMap<>(days));
	}

	/**
	 * Reads weekday names (MONDAY to SUNDAY, in any case) and their spans.
	 * @throws InvalidCalendarException naming the weekday or span that is wrong
	 */
	public static Map<DayOfWeek, List<WorkingSpan>> workingHours(Map<String, List<String>> hours) {
		if (hours == null) {
			throw new InvalidCalendarException("workingHours",
					"is required: the working spans per weekday, for example {\"MONDAY\": [\"08:00-17:00\"]}.");
		}
		Map<DayOfWeek, List<WorkingSpan>> spans = new EnumMap<>(DayOfWeek.class);
		for (Map.Entry<String, List<String>> entry : hours.entrySet()) {
			DayOfWeek day = weekday(entry.getKey());
			String field = "workingHours." + entry.getKey();
			if (spans.containsKey(day)) {
				throw new InvalidCalendarException(field, day + " is given twice; give each weekday once.");
			}
			List<WorkingSpan> daySpans = new ArrayList<>();
			List<String> texts = (entry.getValue() != null) ? entry.getValue() : List.of();
			for (int i = 0; i < texts.size(); i++) {
				daySpans.add(WorkingSpan.parse(field + "[" + i + "]", texts.get(i)));
			}
			spans.put(day, daySpans);
		}
		return spans;
	}

	private static DayOfWeek weekday(String name) {
		try {
			return DayOfWeek.valueOf(name.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidCalendarException("workingHours." + name, "'" + name
					+ "' is no weekday; use MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY or SUNDAY.");
		}
	}

}

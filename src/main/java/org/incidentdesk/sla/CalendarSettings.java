package org.incidentdesk.sla;

import java.time.DayOfWeek;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The business calendar of a tenant that has none of its own
 * ({@code incident-desk.calendar}): by default Monday to Friday, 08:00 to 17:00 UTC,
 * without holidays. A default that is no valid calendar stops the start.
 *
 * @param defaultTimeZone the default calendar's time zone, an IANA id such as
 * {@code Asia/Jakarta}
 * @param defaultWorkingHours the default calendar's working spans per weekday
 * ({@code HH:MM-HH:MM}); left out, Monday to Friday 08:00-17:00
 */
@ConfigurationProperties("incident-desk.calendar")
public record CalendarSettings(@DefaultValue("UTC") String defaultTimeZone,
		Map<DayOfWeek, List<String>> defaultWorkingHours) {

	private static final List<DayOfWeek> WORKING_WEEK = List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
			DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);

	public CalendarSettings {
		if (defaultWorkingHours == null || defaultWorkingHours.isEmpty()) {
			defaultWorkingHours = new EnumMap<>(DayOfWeek.class);
			for (DayOfWeek day : WORKING_WEEK) {
				defaultWorkingHours.put(day, List.of("08:00-17:00"));
			}
		}
		defaultWorkingHours = Map.copyOf(defaultWorkingHours);
		try {
			calendar(defaultTimeZone, defaultWorkingHours);
		}
		catch (InvalidCalendarException ex) {
			throw new IllegalArgumentException(
					"incident-desk.calendar: the default calendar is invalid, " + ex.getMessage()
						.replace("workingHours", "default-working-hours")
						.replace("timeZone", "default-time-zone"));
		}
	}

	/** The calendar of every tenant that has none of its own. */
	public BusinessCalendar defaultCalendar() {
		return calendar(this.defaultTimeZone, this.defaultWorkingHours);
	}

	private static BusinessCalendar calendar(String zone, Map<DayOfWeek, List<String>> hours) {
		Map<DayOfWeek, List<WorkingSpan>> spans = new EnumMap<>(DayOfWeek.class);
		hours.forEach((day, texts) -> spans.put(day,
				texts.stream().map(text -> WorkingSpan.parse("workingHours." + day, text)).toList()));
		return new BusinessCalendar(BusinessCalendar.timeZone(zone), spans, new TreeMap<>());
	}

}

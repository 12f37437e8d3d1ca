package org.incidentdesk.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.ZoneId;

import org.incidentdesk.sla.BusinessCalendar;
import org.incidentdesk.sla.BusinessCalendars;
import org.incidentdesk.sla.WorkingSpan;
import org.springframework.context.annotation.Profile;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The demo tenants' business calendars, made as an administrator would make them (a
 * calendar, then a holiday import): globex works in Jakarta, Monday to Friday 08:00-12:00
 * and 13:00-17:00, with the Indonesian public holidays and cuti bersama of 2026 and 2027;
 * acme works in Amsterdam, Monday to Friday 09:00-17:30, with the Dutch public holidays.
 */
@Component
@Profile("demo")
class DemoCalendars implements DemoContent {

	/** Who the audit names for the demo's changes. */
	static final String ACTOR = "demo-world";

	private final BusinessCalendars calendars;

	DemoCalendars(BusinessCalendars calendars) {
		this.calendars = calendars;
	}

	@Override
	public void load() {
		calendar("globex", ZoneId.of("Asia/Jakarta"), "demo/holidays-id-2026-2027.csv", span(8, 0, 12, 0),
				span(13, 0, 17, 0));
		calendar("acme", ZoneId.of("Europe/Amsterdam"), "demo/holidays-nl-2026-2027.csv", span(9, 0, 17, 30));
	}

	private void calendar(String tenant, ZoneId zone, String holidays, WorkingSpan... spans) {
		if (!this.calendars.stored(tenant).isDefault()) {
			return;
		}
		this.calendars.replace(tenant, BusinessCalendar.weekdays(zone, spans), null, ACTOR);
		this.calendars.importHolidays(tenant, read(holidays), null, ACTOR);
	}

	private static WorkingSpan span(int startHour, int startMinute, int endHour, int endMinute) {
		return new WorkingSpan(LocalTime.of(startHour, startMinute), LocalTime.of(endHour, endMinute));
	}

	private static String read(String resource) {
		try (InputStream in = new ClassPathResource(resource).getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Demo holidays " + resource + " cannot be read", ex);
		}
	}

}

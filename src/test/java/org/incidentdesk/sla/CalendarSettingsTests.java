package org.incidentdesk.sla;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The default calendar of tenants without one of their own, as the settings
 * ({@code incident-desk.calendar}) make it: Monday to Friday 08:00-17:00 UTC unless set,
 * from YAML or environment variables, and refused at the start when it cannot be.
 */
class CalendarSettingsTests {

	@Test
	void withoutSettingsTheDefaultIsMondayToFriday8To17Utc() {
		BusinessCalendar calendar = bind(Map.of()).defaultCalendar();

		assertThat(calendar.zone()).isEqualTo(ZoneId.of("UTC"));
		assertThat(calendar.spansOn(DayOfWeek.MONDAY)).extracting(WorkingSpan::toString).containsExactly("08:00-17:00");
		assertThat(calendar.spansOn(DayOfWeek.FRIDAY)).extracting(WorkingSpan::toString).containsExactly("08:00-17:00");
		assertThat(calendar.spansOn(DayOfWeek.SATURDAY)).isEmpty();
		assertThat(calendar.holidays()).isEmpty();
	}

	@Test
	void theProviderSetsItsOwnDefault() {
		CalendarSettings settings = bind(Map.of("incident-desk.calendar.default-time-zone", "Asia/Jakarta",
				"incident-desk.calendar.default-working-hours.monday", "08:00-12:00,13:00-17:00",
				"incident-desk.calendar.default-working-hours.SATURDAY", "09:00-12:00"));

		BusinessCalendar calendar = settings.defaultCalendar();
		assertThat(calendar.zone()).isEqualTo(ZoneId.of("Asia/Jakarta"));
		assertThat(calendar.spansOn(DayOfWeek.MONDAY)).extracting(WorkingSpan::toString)
			.containsExactly("08:00-12:00", "13:00-17:00");
		assertThat(calendar.spansOn(DayOfWeek.SATURDAY)).extracting(WorkingSpan::toString)
			.containsExactly("09:00-12:00");
		assertThat(calendar.spansOn(DayOfWeek.TUESDAY)).isEmpty();
	}

	/**
	 * docs/sla.md names these spellings: Spring binds a single value from the spelling
	 * with underscores for dashes, but a map's keys only from its canonical form.
	 */
	@Test
	void environmentVariablesAsTheDocumentationNamesThemSetItToo() {
		SystemEnvironmentPropertySource environment = new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				Map.of("INCIDENT_DESK_CALENDAR_DEFAULT_TIME_ZONE", "Europe/Amsterdam",
						"INCIDENTDESK_CALENDAR_DEFAULTWORKINGHOURS_WEDNESDAY", "09:00-17:30"));

		BusinessCalendar calendar = new Binder(ConfigurationPropertySources.from(environment))
			.bindOrCreate("incident-desk.calendar", CalendarSettings.class)
			.defaultCalendar();

		assertThat(calendar.zone()).isEqualTo(ZoneId.of("Europe/Amsterdam"));
		assertThat(calendar.spansOn(DayOfWeek.WEDNESDAY)).extracting(WorkingSpan::toString)
			.containsExactly("09:00-17:30");
		assertThat(calendar.spansOn(DayOfWeek.MONDAY)).isEmpty();
	}

	@Test
	void aDefaultThatCannotBeStopsTheStartNamingTheSetting() {
		assertThatThrownBy(() -> bind(Map.of("incident-desk.calendar.default-time-zone", "Mars/Olympus")))
			.isInstanceOf(BindException.class)
			.rootCause()
			.hasMessageContaining("default-time-zone");
		assertThatThrownBy(
				() -> bind(Map.of("incident-desk.calendar.default-working-hours.monday", "08:00-12:00,11:00-13:00")))
			.rootCause()
			.hasMessageContaining("default-working-hours.MONDAY")
			.hasMessageContaining("overlap");
	}

	private static CalendarSettings bind(Map<String, Object> properties) {
		return new Binder(ConfigurationPropertySources.from(new MapPropertySource("test", properties)))
			.bindOrCreate("incident-desk.calendar", CalendarSettings.class);
	}

}

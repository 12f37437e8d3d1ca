package org.incidentdesk.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The SLA clock's arithmetic as pure functions of a business calendar: due dates in
 * business time across nights, weekends, holidays, lunch breaks and clock changes, and
 * measured business time as their inverse.
 */
class SlaClockTests {

	static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");

	static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

	/** globex's calendar: Jakarta, Monday to Friday 08:00-12:00 and 13:00-17:00. */
	static final BusinessCalendar GLOBEX = BusinessCalendar.weekdays(JAKARTA, span("08:00-12:00"), span("13:00-17:00"));

	/** acme's calendar: Amsterdam, Monday to Friday 09:00-17:30. */
	static final BusinessCalendar ACME = BusinessCalendar.weekdays(AMSTERDAM, span("09:00-17:30"));

	@Test
	void eightBusinessHoursReportedFridayAt16AreDueMondayAt16AfterTheLunchBreak() {
		// Given a P3 of 8 business hours reported on Friday 10 July 2026 at 16:00 in
		// Jakarta
		Instant reported = at(JAKARTA, "2026-07-10T16:00");

		// When its due date is computed on globex's calendar
		Instant due = SlaClock.addBusinessTime(GLOBEX, reported, Duration.ofHours(8));

		// Then Friday gives 1 hour, Monday morning 4, and Monday afternoon the last 3:
		// Monday 16:00, because 12:00-13:00 is no working time
		assertThat(due).isEqualTo(at(JAKARTA, "2026-07-13T16:00"));
	}

	@Test
	void withoutALunchBreakTheSameTargetIsDueMondayAt15() {
		BusinessCalendar continuous = BusinessCalendar.weekdays(JAKARTA, span("08:00-17:00"));

		Instant due = SlaClock.addBusinessTime(continuous, at(JAKARTA, "2026-07-10T16:00"), Duration.ofHours(8));

		assertThat(due).isEqualTo(at(JAKARTA, "2026-07-13T15:00"));
	}

	@Test
	void aHolidayOnThatMondayMovesTheDueDateToTuesday() {
		// Given Monday 17 August 2026, Proklamasi Kemerdekaan, is a holiday
		BusinessCalendar calendar = GLOBEX
			.withHolidays(Map.of(LocalDate.parse("2026-08-17"), "Proklamasi Kemerdekaan"));

		// When 8 business hours start on Friday 14 August at 16:00
		Instant due = SlaClock.addBusinessTime(calendar, at(JAKARTA, "2026-08-14T16:00"), Duration.ofHours(8));

		// Then they are due on Tuesday at 16:00
		assertThat(due).isEqualTo(at(JAKARTA, "2026-08-18T16:00"));
		assertThat(SlaClock.addBusinessTime(GLOBEX, at(JAKARTA, "2026-08-14T16:00"), Duration.ofHours(8)))
			.isEqualTo(at(JAKARTA, "2026-08-17T16:00"));
	}

	@Test
	void aStartOutsideWorkingHoursCountsFromTheNextOpening() {
		// Saturday morning: from Monday 08:00
		assertThat(SlaClock.addBusinessTime(GLOBEX, at(JAKARTA, "2026-07-11T10:00"), Duration.ofHours(2)))
			.isEqualTo(at(JAKARTA, "2026-07-13T10:00"));
		// Friday evening: from Monday 08:00
		assertThat(SlaClock.addBusinessTime(GLOBEX, at(JAKARTA, "2026-07-10T19:00"), Duration.ofMinutes(30)))
			.isEqualTo(at(JAKARTA, "2026-07-13T08:30"));
		// Early morning: from 08:00 the same day
		assertThat(SlaClock.addBusinessTime(GLOBEX, at(JAKARTA, "2026-07-14T06:00"), Duration.ofHours(1)))
			.isEqualTo(at(JAKARTA, "2026-07-14T09:00"));
		// In the lunch break: from 13:00
		assertThat(SlaClock.addBusinessTime(GLOBEX, at(JAKARTA, "2026-07-14T12:30"), Duration.ofHours(1)))
			.isEqualTo(at(JAKARTA, "2026-07-14T14:00"));
	}

	@Test
	void aDueDateOnTheEndOfASpanStaysThere() {
		assertThat(SlaClock.addBusinessTime(GLOBEX, at(JAKARTA, "2026-07-10T16:00"), Duration.ofHours(1)))
			.isEqualTo(at(JAKARTA, "2026-07-10T17:00"));
		assertThat(SlaClock.addBusinessTime(GLOBEX, at(JAKARTA, "2026-07-10T11:00"), Duration.ofHours(1)))
			.isEqualTo(at(JAKARTA, "2026-07-10T12:00"));
		assertThat(SlaClock.addBusinessTime(GLOBEX, at(JAKARTA, "2026-07-10T19:00"), Duration.ZERO))
			.isEqualTo(at(JAKARTA, "2026-07-10T19:00"));
	}

	@Test
	void severalSpansADayAreCountedEachAndTheGapsBetweenThemNot() {
		// Given a day in three spans
		Map<DayOfWeek, List<WorkingSpan>> hours = new EnumMap<>(DayOfWeek.class);
		hours.put(DayOfWeek.WEDNESDAY, List.of(span("13:00-15:00"), span("07:00-09:00"), span("20:00-24:00")));
		BusinessCalendar shifts = new BusinessCalendar(JAKARTA, hours, new TreeMap<>());

		// Then the spans are sorted and count 8 hours a Wednesday
		assertThat(shifts.spansOn(DayOfWeek.WEDNESDAY)).extracting(WorkingSpan::toString)
			.containsExactly("07:00-09:00", "13:00-15:00", "20:00-24:00");
		assertThat(
				SlaClock.businessTimeBetween(shifts, at(JAKARTA, "2026-07-15T00:00"), at(JAKARTA, "2026-07-16T00:00")))
			.isEqualTo(Duration.ofHours(8));
		// 08:00 + 3 h: one hour in the morning, two after lunch
		assertThat(SlaClock.addBusinessTime(shifts, at(JAKARTA, "2026-07-15T08:00"), Duration.ofHours(3)))
			.isEqualTo(at(JAKARTA, "2026-07-15T15:00"));
		// and the evening span runs to midnight; the next one is a week later
		assertThat(SlaClock.addBusinessTime(shifts, at(JAKARTA, "2026-07-15T14:00"), Duration.ofHours(5)))
			.isEqualTo(at(JAKARTA, "2026-07-16T00:00"));
		assertThat(SlaClock.addBusinessTime(shifts, at(JAKARTA, "2026-07-15T14:00"), Duration.ofHours(6)))
			.isEqualTo(at(JAKARTA, "2026-07-22T08:00"));
	}

	@Test
	void businessTimeBetweenMeasuresOnlyWorkingTime() {
		assertThat(
				SlaClock.businessTimeBetween(GLOBEX, at(JAKARTA, "2026-07-10T16:00"), at(JAKARTA, "2026-07-13T16:00")))
			.isEqualTo(Duration.ofHours(8));
		// a weekend has none
		assertThat(
				SlaClock.businessTimeBetween(GLOBEX, at(JAKARTA, "2026-07-11T00:00"), at(JAKARTA, "2026-07-13T08:00")))
			.isZero();
		// backwards it is negative
		assertThat(
				SlaClock.businessTimeBetween(GLOBEX, at(JAKARTA, "2026-07-13T16:00"), at(JAKARTA, "2026-07-10T16:00")))
			.isEqualTo(Duration.ofHours(-8));
		// a whole week of globex is 40 hours
		assertThat(
				SlaClock.businessTimeBetween(GLOBEX, at(JAKARTA, "2026-07-06T00:00"), at(JAKARTA, "2026-07-13T00:00")))
			.isEqualTo(Duration.ofHours(40));
	}

	@Test
	void businessTimeBetweenIsTheInverseOfAddBusinessTime() {
		// Given calendars with holidays, a clock change and shifts into the night
		BusinessCalendar globex = GLOBEX.withHolidays(Map.of(LocalDate.parse("2026-08-17"), "Proklamasi",
				LocalDate.parse("2026-12-25"), "Natal", LocalDate.parse("2026-12-24"), "Cuti bersama"));
		BusinessCalendar acme = ACME.withHolidays(Map.of(LocalDate.parse("2026-04-06"), "Tweede Paasdag"));
		Map<DayOfWeek, List<WorkingSpan>> nights = new EnumMap<>(DayOfWeek.class);
		nights.put(DayOfWeek.SATURDAY, List.of(span("00:00-03:30"), span("22:00-24:00")));
		nights.put(DayOfWeek.SUNDAY, List.of(span("00:00-24:00")));
		BusinessCalendar weekendShifts = new BusinessCalendar(AMSTERDAM, nights, new TreeMap<>());
		Random random = new Random(13);
		Instant base = at(JAKARTA, "2026-01-01T00:00");

		for (BusinessCalendar calendar : List.of(globex, acme, weekendShifts)) {
			for (int i = 0; i < 500; i++) {
				// When a random business duration is added to a random start in 2026
				Instant start = base.plus(Duration.ofMinutes(random.nextInt(365 * 24 * 60)));
				Duration duration = Duration.ofMinutes(random.nextInt(200 * 60));
				Instant due = SlaClock.addBusinessTime(calendar, start, duration);

				// Then measuring from start to due gives the duration back, and a minute
				// less would have been too early
				assertThat(SlaClock.businessTimeBetween(calendar, start, due)).as("%s + %s", start, duration)
					.isEqualTo(duration);
				if (!duration.isZero()) {
					assertThat(SlaClock.businessTimeBetween(calendar, start, due.minusSeconds(60)))
						.isLessThan(duration);
				}
			}
		}
	}

	@Test
	void theClockChangeInAmsterdamMovesTheDueInstantButNotTheWorkingHours() {
		// Given acme's calendar and a report on Friday 27 March 2026 at 16:00 CET
		// (UTC+1);
		// the clocks go forward on Sunday 29 March
		Instant reported = at(AMSTERDAM, "2026-03-27T16:00");
		assertThat(reported).isEqualTo(Instant.parse("2026-03-27T15:00:00Z"));

		// When 4 business hours are added
		Instant due = SlaClock.addBusinessTime(ACME, reported, Duration.ofHours(4));

		// Then Friday gives 1.5 hours and Monday the rest: 11:30 CEST, UTC+2
		assertThat(due).isEqualTo(at(AMSTERDAM, "2026-03-30T11:30")).isEqualTo(Instant.parse("2026-03-30T09:30:00Z"));
		assertThat(SlaClock.businessTimeBetween(ACME, reported, due)).isEqualTo(Duration.ofHours(4));
	}

	@Test
	void aDayWithAClockChangeHasTheRealTimeThatPassesInItsSpans() {
		// Given a calendar working around the clock every day in Amsterdam
		Map<DayOfWeek, List<WorkingSpan>> always = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : DayOfWeek.values()) {
			always.put(day, List.of(span("00:00-24:00")));
		}
		BusinessCalendar aroundTheClock = new BusinessCalendar(AMSTERDAM, always, new TreeMap<>());

		// Then the last Sunday of March has 23 hours and the last Sunday of October 25
		assertThat(SlaClock.businessTimeBetween(aroundTheClock, at(AMSTERDAM, "2026-03-29T00:00"),
				at(AMSTERDAM, "2026-03-30T00:00")))
			.isEqualTo(Duration.ofHours(23));
		assertThat(SlaClock.businessTimeBetween(aroundTheClock, at(AMSTERDAM, "2026-10-25T00:00"),
				at(AMSTERDAM, "2026-10-26T00:00")))
			.isEqualTo(Duration.ofHours(25));
		// and 24 hours from Sunday midnight end at 01:00 on Monday
		assertThat(SlaClock.addBusinessTime(aroundTheClock, at(AMSTERDAM, "2026-03-29T00:00"), Duration.ofHours(24)))
			.isEqualTo(at(AMSTERDAM, "2026-03-30T01:00"));
		// and a span across the skipped hour is an hour shorter that night
		BusinessCalendar night = new BusinessCalendar(AMSTERDAM, Map.of(DayOfWeek.SUNDAY, List.of(span("01:00-04:00"))),
				new TreeMap<>());
		assertThat(SlaClock.businessTimeBetween(night, at(AMSTERDAM, "2026-03-29T00:00"),
				at(AMSTERDAM, "2026-03-30T00:00")))
			.isEqualTo(Duration.ofHours(2));
		assertThat(SlaClock.businessTimeBetween(night, at(AMSTERDAM, "2026-03-22T00:00"),
				at(AMSTERDAM, "2026-03-23T00:00")))
			.isEqualTo(Duration.ofHours(3));
	}

	@Test
	void longDurationsAreAddedDayByDayQuickly() {
		// 25 years of globex's business time (2,000 working hours a year)
		Duration years = Duration.ofHours(25L * 2000);
		Instant start = at(JAKARTA, "2026-07-10T16:00");

		Instant due = assertTimeoutPreemptively(Duration.ofSeconds(5),
				() -> SlaClock.addBusinessTime(GLOBEX, start, years));

		assertThat(due.atZone(JAKARTA).getYear()).isBetween(2050, 2052);
		assertThat(SlaClock.businessTimeBetween(GLOBEX, start, due)).isEqualTo(years);
	}

	@Test
	void aCalendarWhoseHolidaysCoverEveryWorkingDayForTenYearsIsRefusedNotSearchedForever() {
		// Given a calendar that works on Mondays only, with every Monday of 11 years a
		// holiday
		TreeMap<LocalDate, String> mondays = new TreeMap<>();
		for (LocalDate day = LocalDate.parse("2026-07-13"); day.getYear() < 2038; day = day.plusWeeks(1)) {
			mondays.put(day, "Closed");
		}
		BusinessCalendar closed = new BusinessCalendar(JAKARTA, Map.of(DayOfWeek.MONDAY, List.of(span("08:00-17:00"))),
				mondays);

		// Then adding business time is refused, naming the holidays
		assertThatThrownBy(() -> SlaClock.addBusinessTime(closed, at(JAKARTA, "2026-07-10T16:00"), Duration.ofHours(1)))
			.isInstanceOf(InvalidCalendarException.class)
			.hasMessageContaining("holidays")
			.hasMessageContaining("10 years");
	}

	@Test
	void negativeAndRunawayDurationsAreRefused() {
		Instant start = at(JAKARTA, "2026-07-10T16:00");
		assertThatThrownBy(() -> SlaClock.addBusinessTime(GLOBEX, start, Duration.ofHours(-1)))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> SlaClock.addBusinessTime(GLOBEX, start, Duration.ofHours(2000L * 120)))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("100 years");
		assertThatThrownBy(() -> SlaClock.businessTimeBetween(GLOBEX, start, start.plus(Duration.ofDays(365L * 101))))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void aCalendarThatCannotBeIsRefusedNamingTheField() {
		assertThatThrownBy(() -> BusinessCalendar.weekdays(JAKARTA, span("08:00-12:00"), span("11:00-13:00")))
			.isInstanceOf(InvalidCalendarException.class)
			.extracting(ex -> ((InvalidCalendarException) ex).field())
			.isEqualTo("workingHours.MONDAY");
		assertThatThrownBy(() -> new BusinessCalendar(JAKARTA, Map.of(), new TreeMap<>()))
			.isInstanceOf(InvalidCalendarException.class)
			.hasMessageContaining("no working time at all");
		assertThatThrownBy(() -> WorkingSpan.parse("workingHours.MONDAY[0]", "17:00-08:00"))
			.isInstanceOf(InvalidCalendarException.class)
			.hasMessageStartingWith("workingHours.MONDAY[0]: ");
		assertThatThrownBy(() -> WorkingSpan.parse("workingHours.MONDAY[0]", "8-12"))
			.hasMessageContaining("HH:MM-HH:MM");
		assertThatThrownBy(() -> WorkingSpan.parse("workingHours.MONDAY[0]", "08:00-25:00"))
			.hasMessageContaining("no time of day");
		assertThatThrownBy(() -> BusinessCalendar.timeZone("Asia/Atlantis"))
			.isInstanceOf(InvalidCalendarException.class)
			.extracting(ex -> ((InvalidCalendarException) ex).field())
			.isEqualTo("timeZone");
		assertThat(WorkingSpan.parse("x", "22:00-24:00").untilMidnight()).isTrue();
		assertThat(WorkingSpan.parse("x", " 08:00-12:00 ").toString()).isEqualTo("08:00-12:00");
	}

	static WorkingSpan span(String text) {
		return WorkingSpan.parse("span", text);
	}

	static Instant at(ZoneId zone, String localDateTime) {
		return ZonedDateTime.of(LocalDateTime.parse(localDateTime), zone).toInstant();
	}

}

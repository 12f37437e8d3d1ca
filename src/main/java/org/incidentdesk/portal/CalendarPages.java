package org.incidentdesk.portal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.incidentdesk.sla.BusinessCalendar;
import org.incidentdesk.sla.BusinessCalendars;
import org.incidentdesk.sla.CalendarChange;
import org.incidentdesk.sla.InvalidCalendarException;
import org.incidentdesk.sla.StoredCalendar;
import org.incidentdesk.sla.WorkingSpan;
import org.incidentdesk.system.CurrentUser;
import org.incidentdesk.system.DomainException;
import org.incidentdesk.system.RefusedRequestException;
import org.incidentdesk.tenancy.AccessPolicy;
import org.incidentdesk.tenancy.Tenancy;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrators' pages for the customer organisations' business calendars: a list,
 * and a form per organisation with its time zone, working hours, holidays and recent
 * changes. The form saves through the same service as the API
 * ({@code /api/v1/admin/tenants/{id}/calendar}), with the version it showed, so a change
 * somebody made in between is not overwritten.
 */
@Controller
class CalendarPages {

	static final String LIST = "/portal/admin/calendars";

	/** How many changes the form lists. */
	private static final int CHANGES_SHOWN = 10;

	private static final Pattern SPAN_SEPARATORS = Pattern.compile("[,;\\s]+");

	private final BusinessCalendars calendars;

	private final Tenancy tenancy;

	CalendarPages(BusinessCalendars calendars, Tenancy tenancy) {
		this.calendars = calendars;
		this.tenancy = tenancy;
	}

	@GetMapping(LIST)
	ModelAndView list(@AuthenticationPrincipal CurrentUser user) {
		requireAdministrator(user);
		List<Row> rows = new ArrayList<>();
		this.tenancy.tenantNames().forEach((id, name) -> {
			StoredCalendar stored = this.calendars.stored(id);
			rows.add(new Row(id, name, stored.calendar().zone().getId(), stored.version(),
					stored.calendar().holidays().size()));
		});
		return new ModelAndView("portal/calendars").addObject("rows", rows);
	}

	@GetMapping(LIST + "/{tenantId}")
	ModelAndView form(@PathVariable String tenantId, @AuthenticationPrincipal CurrentUser user) {
		requireAdministrator(user);
		return page(tenantId, CalendarForm.of(this.calendars.stored(tenantId)), List.of(), null, HttpStatus.OK);
	}

	@PostMapping(LIST + "/{tenantId}")
	ModelAndView save(@PathVariable String tenantId, @ModelAttribute CalendarForm form,
			@AuthenticationPrincipal CurrentUser user, RedirectAttributes redirect) {
		requireAdministrator(user);
		try {
			this.calendars.replace(tenantId, form.toCalendar(), form.version(), user.id());
		}
		catch (InvalidCalendarException ex) {
			return page(tenantId, form, errors(ex), null, HttpStatus.BAD_REQUEST);
		}
		catch (DomainException ex) {
			if (ex.kind() != DomainException.Kind.CONFLICT) {
				throw ex;
			}
			return page(tenantId, form, List.of(), "calendar.conflict", HttpStatus.CONFLICT);
		}
		redirect.addFlashAttribute("notice", "calendar.saved");
		return new ModelAndView("redirect:" + LIST + "/" + tenantId);
	}

	private ModelAndView page(String tenantId, CalendarForm form, List<String> errors, String problem,
			HttpStatus status) {
		List<CalendarChange> changes = this.calendars.changes(tenantId, 0, CHANGES_SHOWN);
		ModelAndView page = new ModelAndView("portal/calendar");
		page.addObject("tenantId", tenantId);
		page.addObject("tenantName", this.tenancy.tenantNames().getOrDefault(tenantId, tenantId));
		page.addObject("form", form);
		page.addObject("days", List.of(DayOfWeek.values()));
		page.addObject("errors", errors);
		page.addObject("problem", problem);
		page.addObject("changes", changes);
		page.setStatus(status);
		return page;
	}

	/** What the refusal says, line by line for a holiday list with several bad lines. */
	private static List<String> errors(InvalidCalendarException ex) {
		if (ex.properties().get("errors") instanceof List<?> lines && lines.size() > 1) {
			return lines.stream().map(line -> "holidays " + line).toList();
		}
		return List.of(ex.getMessage());
	}

	private static void requireAdministrator(CurrentUser user) {
		if (!AccessPolicy.isAdministrator(user)) {
			throw RefusedRequestException.notAllowed("For administrators",
					"Only administrators keep the business calendars.");
		}
	}

	/** One organisation in the list. */
	record Row(String id, String name, String timeZone, int version, int holidays) {

		public boolean isDefault() {
			return this.version == StoredCalendar.DEFAULT_VERSION;
		}

	}

	/**
	 * The form: the time zone, the spans of each weekday as text
	 * ({@code 08:00-12:00, 13:00-17:00}), the holidays as {@code date,name} lines, and
	 * the version it shows.
	 */
	record CalendarForm(String timeZone, String monday, String tuesday, String wednesday, String thursday,
			String friday, String saturday, String sunday, String holidays, Integer version) {

		static CalendarForm of(StoredCalendar stored) {
			BusinessCalendar calendar = stored.calendar();
			Map<DayOfWeek, String> hours = new EnumMap<>(DayOfWeek.class);
			for (DayOfWeek day : DayOfWeek.values()) {
				hours.put(day,
						calendar.spansOn(day).stream().map(WorkingSpan::toString).collect(Collectors.joining(", ")));
			}
			String holidays = calendar.holidays()
				.entrySet()
				.stream()
				.map(entry -> entry.getKey() + "," + csvField(entry.getValue()))
				.collect(Collectors.joining("\n"));
			return new CalendarForm(calendar.zone().getId(), hours.get(DayOfWeek.MONDAY), hours.get(DayOfWeek.TUESDAY),
					hours.get(DayOfWeek.WEDNESDAY), hours.get(DayOfWeek.THURSDAY), hours.get(DayOfWeek.FRIDAY),
					hours.get(DayOfWeek.SATURDAY), hours.get(DayOfWeek.SUNDAY), holidays, stored.version());
		}

		/** The spans of a weekday as entered, for the template. */
		public String hours(DayOfWeek day) {
			String text = switch (day) {
				case MONDAY -> this.monday;
				case TUESDAY -> this.tuesday;
				case WEDNESDAY -> this.wednesday;
				case THURSDAY -> this.thursday;
				case FRIDAY -> this.friday;
				case SATURDAY -> this.saturday;
				case SUNDAY -> this.sunday;
			};
			return (text != null) ? text : "";
		}

		/**
		 * The calendar the form describes.
		 * @throws InvalidCalendarException naming what to correct
		 */
		BusinessCalendar toCalendar() {
			Map<DayOfWeek, List<WorkingSpan>> spans = new EnumMap<>(DayOfWeek.class);
			for (DayOfWeek day : DayOfWeek.values()) {
				List<WorkingSpan> daySpans = new ArrayList<>();
				String text = hours(day).strip();
				if (!text.isEmpty()) {
					String[] parts = SPAN_SEPARATORS.split(text);
					for (int i = 0; i < parts.length; i++) {
						daySpans.add(WorkingSpan.parse("workingHours." + day + "[" + i + "]", parts[i]));
					}
				}
				spans.put(day, daySpans);
			}
			SortedMap<LocalDate, String> days = (this.holidays == null || this.holidays.isBlank()) ? new TreeMap<>()
					: BusinessCalendars.parseHolidays(this.holidays);
			return new BusinessCalendar(BusinessCalendar.timeZone(this.timeZone), spans, days);
		}

		private static String csvField(String text) {
			return (text.contains(",") || text.contains("\"")) ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
		}

	}

}

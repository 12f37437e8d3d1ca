package org.incidentdesk.sla;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.incidentdesk.sla.internal.CalendarDocument;
import org.incidentdesk.sla.internal.HolidayCsv;
import org.incidentdesk.system.CurrentUser;
import org.incidentdesk.system.RefusedRequestException;
import org.incidentdesk.system.StrictDecoding;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The administrators' API for the tenants' business calendars. Only members of
 * {@code camunda-admin} get through (the security chain guards all of
 * {@code /api/v1/admin}). A refusal names the field to correct ({@code field}).
 */
@RestController
@RequestMapping("/api/v1/admin/tenants/{tenantId}/calendar")
@Tag(name = "Business calendars",
		description = "Each customer organisation's time zone, working hours and holidays, which the SLA clock "
				+ "counts business time with")
class CalendarController {

	/** The largest holiday file an import takes. */
	static final int MAX_IMPORT_BYTES = 256 * 1024;

	private static final String TEXT_CSV = "text/csv";

	private final BusinessCalendars calendars;

	CalendarController(BusinessCalendars calendars) {
		this.calendars = calendars;
	}

	@GetMapping
	@Operation(summary = "Read a tenant's business calendar",
			description = "Every weekday is listed, a day off with no spans. A tenant without a calendar of its own "
					+ "answers the default calendar with version 0.")
	CalendarDocument calendar(@PathVariable String tenantId) {
		StoredCalendar stored = this.calendars.stored(tenantId);
		return CalendarDocument.of(stored.calendar(), stored.version());
	}

	@PutMapping
	@Operation(summary = "Replace a tenant's business calendar",
			description = "Replaces time zone, working hours and holidays as a whole and raises the version by one. "
					+ "With version, the change is made only if the calendar is still at that version (else 409: read "
					+ "it again). A refusal names the field: an unknown time zone or weekday, a span not HH:MM-HH:MM, "
					+ "spans that overlap or end before they start, a date not YYYY-MM-DD, no working time at all.")
	CalendarDocument replace(@PathVariable String tenantId, @RequestBody CalendarDocument request,
			@AuthenticationPrincipal CurrentUser user) {
		StoredCalendar stored = this.calendars.replace(tenantId, request.toCalendar(), request.version(), user.id());
		return CalendarDocument.of(stored.calendar(), stored.version());
	}

	@PostMapping(path = "/holidays", consumes = TEXT_CSV)
	@Operation(summary = "Import holidays from CSV, all or nothing",
			description = "Lines " + HolidayCsv.HEADER + " (ISO date, name; a name with a comma in double quotes); "
					+ "the header line is optional, blank lines and lines starting with # are skipped. Adds the "
					+ "holidays and renames those whose date the calendar has. One bad line imports nothing: the 400 "
					+ "names the line and what is wrong, and errors lists every bad line. A tenant without a calendar "
					+ "of its own gets the default calendar with these holidays. At most 256 KB.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
					content = @Content(mediaType = TEXT_CSV, schema = @Schema(type = "string",
							example = "date,name\n2026-01-01,Tahun Baru 2026 Masehi\n2026-08-17,Proklamasi Kemerdekaan"))))
	CalendarDocument importHolidays(@PathVariable String tenantId,
			@Parameter(
					description = "The version the import is based on; a stale one is refused with 409") @RequestParam(
							required = false) Integer version,
			HttpServletRequest request, InputStream body, @AuthenticationPrincipal CurrentUser user)
			throws IOException {
		if (request.getContentLengthLong() > MAX_IMPORT_BYTES) {
			throw tooLarge();
		}
		String csv = decode(body.readNBytes(MAX_IMPORT_BYTES + 1), charsetOf(request));
		StoredCalendar stored = this.calendars.importHolidays(tenantId, csv, version, user.id());
		return CalendarDocument.of(stored.calendar(), stored.version());
	}

	@GetMapping("/changes")
	@Operation(summary = "List the audited changes of a tenant's business calendar",
			description = "Newest first: who made which version when, and the whole calendar before (oldValue, absent "
					+ "for the first version) and after (newValue). Pages of size changes (at most 100), from page 0.")
	List<ChangeView> changes(@PathVariable String tenantId, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		return this.calendars.changes(tenantId, page, size).stream().map(ChangeView::of).toList();
	}

	private static Charset charsetOf(HttpServletRequest request) {
		String name = request.getCharacterEncoding();
		if (name == null) {
			return StandardCharsets.UTF_8;
		}
		try {
			return Charset.forName(name);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidCalendarException("line 1", "the character set '" + name + "' is not known; send UTF-8.");
		}
	}

	/**
	 * Decodes strictly, so that a file in another encoding is refused rather than
	 * garbled.
	 */
	private static String decode(byte[] bytes, Charset charset) {
		if (bytes.length > MAX_IMPORT_BYTES) {
			throw tooLarge();
		}
		return StrictDecoding.decode(bytes, charset)
			.orElseThrow(() -> new InvalidCalendarException("line 1", "the file is not valid " + charset.name()
					+ "; save it as UTF-8 or name its charset in the Content-Type."));
	}

	private static RefusedRequestException tooLarge() {
		return RefusedRequestException.tooLarge("Import too large",
				"The file is larger than 256 KB. Split it by year and import the parts.");
	}

	/**
	 * One audited change.
	 *
	 * @param version the version the change made
	 * @param kind REPLACED or HOLIDAYS_IMPORTED
	 * @param changedAt when
	 * @param changedBy who
	 * @param oldValue the calendar before, absent before the first version
	 * @param newValue the calendar after
	 */
	record ChangeView(int version, CalendarChange.Kind kind, OffsetDateTime changedAt, String changedBy,
			@JsonRawValue @Schema(implementation = CalendarDocument.class) String oldValue,
			@JsonRawValue @Schema(implementation = CalendarDocument.class) String newValue) {

		static ChangeView of(CalendarChange change) {
			return new ChangeView(change.version(), change.kind(), change.changedAt(), change.changedBy(),
					change.oldValue(), change.newValue());
		}

	}

}

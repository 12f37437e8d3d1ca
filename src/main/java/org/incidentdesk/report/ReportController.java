package org.incidentdesk.report;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.incidentdesk.incident.Channel;
import org.incidentdesk.system.CsvWriter;
import org.incidentdesk.system.CurrentUser;
import org.incidentdesk.system.EngineClock;
import org.incidentdesk.system.RefusedRequestException;
import org.incidentdesk.tenancy.AccessPolicy;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Incident figures per customer organisation for a period of whole days (UTC): JSON, or
 * CSV for spreadsheets. Incident managers and service delivery managers see the tenants
 * they serve; auditors and administrators all.
 */
@RestController
@RequestMapping("/api/v1/reports")
@Tag(name = "Reports")
class ReportController {

	static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

	private static final int DEFAULT_DAYS = 30;

	private static final int MAX_DAYS = 366;

	private static final List<String> PRIORITIES = List.of("P1", "P2", "P3", "P4", "P5");

	private final Reports reports;

	private final EngineClock clock;

	ReportController(Reports reports, EngineClock clock) {
		this.reports = reports;
		this.clock = clock;
	}

	@GetMapping("/incidents")
	@Operation(summary = "Incident figures per customer organisation",
			description = "from and to are dates (yyyy-mm-dd, UTC); to is exclusive and defaults to tomorrow, from to "
					+ "30 days before to; at most 366 days. tenantId narrows to one tenant. format=csv downloads CSV. "
					+ "For incident managers and service delivery managers (the tenants they serve), auditors and "
					+ "administrators (all).")
	ResponseEntity<?> incidents(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String tenantId, @RequestParam(required = false) String format,
			@AuthenticationPrincipal CurrentUser user) {
		List<String> tenants = tenantsFor(user, tenantId);
		LocalDate end = (to != null) ? date("to", to) : this.clock.nowUtc().toLocalDate().plusDays(1);
		LocalDate start = (from != null) ? date("from", from) : end.minusDays(DEFAULT_DAYS);
		if (!start.isBefore(end)) {
			throw RefusedRequestException.invalid(null, "from (" + start + ") must be before to (" + end + ").");
		}
		if (Duration.between(start.atStartOfDay(), end.atStartOfDay()).toDays() > MAX_DAYS) {
			throw RefusedRequestException.invalid(null,
					"A report covers at most " + MAX_DAYS + " days; narrow from and to.");
		}
		IncidentReport report = this.reports.report(start.atStartOfDay().atOffset(ZoneOffset.UTC),
				end.atStartOfDay().atOffset(ZoneOffset.UTC), tenants);
		if (format == null || format.equalsIgnoreCase("json")) {
			return ResponseEntity.ok(report);
		}
		if (!format.equalsIgnoreCase("csv")) {
			throw RefusedRequestException.invalid(null, "format is json (the default) or csv, not '" + format + "'.");
		}
		return ResponseEntity.ok()
			.contentType(TEXT_CSV)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment()
						.filename("incidents-" + start + "-" + end + ".csv")
						.build()
						.toString())
			.body(csv(report));
	}

	/** Null for every tenant. */
	private static List<String> tenantsFor(CurrentUser user, String tenantId) {
		if (!AccessPolicy.readsReports(user)) {
			throw RefusedRequestException.notAllowed(null,
					"Reports are for incident managers, service delivery managers, auditors and administrators.");
		}
		boolean everything = AccessPolicy.seesAll(user);
		if (tenantId != null) {
			if (!everything && !AccessPolicy.servesTenant(user, tenantId)) {
				// As for incidents: a tenant one does not serve is not there.
				throw RefusedRequestException.notFound(null, "You serve no customer organisation '" + tenantId + "'.");
			}
			return List.of(tenantId);
		}
		return everything ? null : user.tenants();
	}

	private static LocalDate date(String name, String value) {
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw RefusedRequestException.invalid(null,
					name + " '" + value + "' is not a date; write it as yyyy-mm-dd.");
		}
	}

	private static String csv(IncidentReport report) {
		List<String> header = new ArrayList<>(List.of("tenant", "from", "to", "opened"));
		for (Channel channel : Channel.values()) {
			header.add("opened_" + channel.name().toLowerCase());
		}
		PRIORITIES.forEach(priority -> header.add("opened_" + priority.toLowerCase()));
		header.addAll(List.of("major_incidents", "resolved", "closed", "cancelled", "open_now", "sla_met",
				"sla_breached", "mean_minutes_to_respond", "mean_minutes_to_resolve", "first_contact_resolutions",
				"escalations", "hierarchical_escalations", "reopens", "deflections", "paused_incidents",
				"paused_seconds", "mean_paused_seconds", "paused_now"));
		CsvWriter csv = new CsvWriter().line(header);
		for (TenantFigures t : report.tenants()) {
			List<Object> cells = new ArrayList<>(
					List.of(t.tenantId(), report.from().toLocalDate(), report.to().toLocalDate(), t.opened()));
			for (Channel channel : Channel.values()) {
				cells.add(t.openedByChannel().getOrDefault(channel.name(), 0L));
			}
			PRIORITIES.forEach(priority -> cells.add(t.openedByPriority().getOrDefault(priority, 0L)));
			cells.addAll(List.of(t.majorIncidents(), t.resolved(), t.closed(), t.cancelled(), t.openNow(), t.slaMet(),
					t.slaBreached()));
			cells.add(minutes(t.meanMinutesToRespond()));
			cells.add(minutes(t.meanMinutesToResolve()));
			cells.addAll(List.of(t.firstContactResolutions(), t.escalations(), t.hierarchicalEscalations(), t.reopens(),
					t.deflections(), t.pausedIncidents(), t.pausedSeconds()));
			cells.add(minutes(t.meanPausedSeconds()));
			cells.add(t.pausedNow());
			csv.line(cells);
		}
		return csv.toString();
	}

	private static String minutes(Double value) {
		return (value != null) ? String.format(Locale.ROOT, "%.1f", value) : "";
	}

}

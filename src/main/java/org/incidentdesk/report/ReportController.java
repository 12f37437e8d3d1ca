package org.incidentdesk.report;

import java.nio.charset.StandardCharsets;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.incidentdesk.system.CurrentUser;
import org.incidentdesk.system.EngineClock;
import org.incidentdesk.system.RefusedRequestException;
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
 * Incident figures per customer organisation for a period of whole days (UTC, or the time
 * zone asked for): JSON, or CSV for spreadsheets. Incident managers and service delivery
 * managers see the tenants they serve; auditors and administrators all.
 */
@RestController
@RequestMapping("/api/v1/reports")
@Tag(name = "Reports")
class ReportController {

	static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

	private final Reports reports;

	private final EngineClock clock;

	ReportController(Reports reports, EngineClock clock) {
		this.reports = reports;
		this.clock = clock;
	}

	@GetMapping("/incidents")
	@Operation(summary = "Incident figures per customer organisation",
			description = "from and to are dates (yyyy-mm-dd) of timeZone (an IANA id, UTC by default); to is "
					+ "exclusive and defaults to tomorrow, from to 30 days before to; at most 366 days. tenantId "
					+ "narrows to one tenant. format=csv downloads CSV (one line per tenant; the figures per day and "
					+ "per group are in the JSON only). For incident managers and service delivery managers (the "
					+ "tenants they serve), auditors and administrators (all).")
	ResponseEntity<?> incidents(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String tenantId, @RequestParam(required = false) String timeZone,
			@RequestParam(required = false) String format, @AuthenticationPrincipal CurrentUser user) {
		Reports.tenantsFor(user, tenantId);
		ReportPeriod period = ReportPeriod.of(from, to, ReportPeriod.zone(timeZone), this.clock.now());
		boolean csv = csv(format);
		IncidentReport report = this.reports.report(user, tenantId, period);
		return csv ? csv(report) : ResponseEntity.ok(report);
	}

	/**
	 * Whether the format asked for is CSV; JSON is the default, anything else is refused.
	 */
	static boolean csv(String format) {
		if (format == null || format.isBlank() || format.equalsIgnoreCase("json")) {
			return false;
		}
		if (!format.equalsIgnoreCase("csv")) {
			throw RefusedRequestException.invalid(null, "format is json (the default) or csv, not '" + format + "'.");
		}
		return true;
	}

	static ResponseEntity<String> csv(IncidentReport report) {
		return ResponseEntity.ok()
			.contentType(TEXT_CSV)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(report.csvFileName()).build().toString())
			.body(report.csv());
	}

}

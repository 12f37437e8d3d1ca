package org.incidentdesk.portal;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import org.incidentdesk.report.IncidentReport;
import org.incidentdesk.report.ReportPeriod;
import org.incidentdesk.report.Reports;
import org.incidentdesk.sla.BusinessCalendars;
import org.incidentdesk.system.CurrentUser;
import org.incidentdesk.system.EngineClock;
import org.incidentdesk.system.RefusedRequestException;
import org.incidentdesk.tenancy.Tenancy;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The manager dashboard: the report's figures for one organisation the reader serves, or
 * for all of them, as charts with their figures beside them, and the report's CSV and
 * JSON for the same choice with the portal's session. Whoever may read the report API may
 * read it, with the same answers ({@link Reports#tenantsFor}): 403 for everybody else,
 * 404 for an organisation the reader does not serve. One organisation's days are its
 * calendar's days; all organisations' are UTC days, as in the API.
 */
@Controller
class DashboardPages {

	static final String PAGE = "/portal/dashboard";

	private static final MediaType TEXT_CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

	private final Reports reports;

	private final Tenancy tenancy;

	private final BusinessCalendars calendars;

	private final EngineClock clock;

	DashboardPages(Reports reports, Tenancy tenancy, BusinessCalendars calendars, EngineClock clock) {
		this.reports = reports;
		this.tenancy = tenancy;
		this.calendars = calendars;
		this.clock = clock;
	}

	@GetMapping(PAGE)
	ModelAndView dashboard(@RequestParam(required = false) String tenantId, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @AuthenticationPrincipal CurrentUser user) {
		String tenant = blankToNull(tenantId);
		Reports.tenantsFor(user, tenant);
		ReportPeriod period = ReportPeriod.of(from, to, zoneOf(tenant), this.clock.now());
		IncidentReport report = this.reports.report(user, tenant, period);
		SortedMap<String, String> tenantNames = this.tenancy.tenantNames();
		ModelAndView page = new ModelAndView("portal/dashboard");
		page.addObject("choices", choices(user, tenantNames));
		page.addObject("tenantId", tenant);
		page.addObject("tenantName", (tenant != null) ? tenantNames.getOrDefault(tenant, tenant) : null);
		page.addObject("period", period);
		// The date fields show only the dates the reader chose: a default period is the
		// last 30 days in the chosen organisation's zone, and carrying the one shown for
		// another scope (UTC days for all organisations) would cut off today in Jakarta.
		page.addObject("fromChosen", blankToNull(from));
		page.addObject("toChosen", blankToNull(to));
		page.addObject("lastDay", period.to().minusDays(1));
		page.addObject("dashboard", Dashboard.of(report, period, tenantNames, this.tenancy.groupNames()));
		page.addObject("csvExport", export(tenant, period, "csv"));
		page.addObject("jsonExport", export(tenant, period, "json"));
		page.addObject("apiLink", link("/api/v1/reports/incidents", tenant, period, null, true));
		return page;
	}

	/**
	 * The report API's answer for the dashboard's choice, with the portal's session:
	 * {@code format=csv} or {@code json}, the body byte for byte what
	 * {@code /api/v1/reports/incidents} gives for the same tenant, period and time zone.
	 */
	@GetMapping(PAGE + "/export")
	ResponseEntity<?> export(@RequestParam(required = false) String tenantId,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String format, @AuthenticationPrincipal CurrentUser user) {
		String tenant = blankToNull(tenantId);
		Reports.tenantsFor(user, tenant);
		ReportPeriod period = ReportPeriod.of(from, to, zoneOf(tenant), this.clock.now());
		boolean csv = "csv".equalsIgnoreCase(format);
		if (!csv && format != null && !format.isBlank() && !"json".equalsIgnoreCase(format)) {
			throw RefusedRequestException.invalid(null, "format is json (the default) or csv, not '" + format + "'.");
		}
		IncidentReport report = this.reports.report(user, tenant, period);
		String name = report.csvFileName();
		if (csv) {
			return ResponseEntity.ok()
				.contentType(TEXT_CSV)
				.header(HttpHeaders.CONTENT_DISPOSITION,
						ContentDisposition.attachment().filename(name).build().toString())
				.body(report.csv());
		}
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment()
						.filename(name.substring(0, name.length() - ".csv".length()) + ".json")
						.build()
						.toString())
			.body(report);
	}

	/** One organisation's days are its calendar's; all organisations' are UTC days. */
	private ZoneId zoneOf(String tenant) {
		return (tenant != null) ? this.calendars.calendarOf(tenant).zone() : ReportPeriod.zone(null);
	}

	/**
	 * The organisations the reader may choose: those they serve, or all for overseers.
	 */
	private static List<Choice> choices(CurrentUser user, SortedMap<String, String> names) {
		List<String> readable = Reports.readableTenants(user);
		List<Choice> choices = new ArrayList<>();
		for (Map.Entry<String, String> tenant : names.entrySet()) {
			if (readable == null || readable.contains(tenant.getKey())) {
				choices.add(
						new Choice(tenant.getKey(), (tenant.getValue() != null) ? tenant.getValue() : tenant.getKey()));
			}
		}
		return choices;
	}

	private static String export(String tenant, ReportPeriod period, String format) {
		return link(PAGE + "/export", tenant, period, format, false);
	}

	private static String link(String path, String tenant, ReportPeriod period, String format, boolean withZone) {
		UriComponentsBuilder link = UriComponentsBuilder.fromPath(path);
		if (tenant != null) {
			link.queryParam("tenantId", tenant);
		}
		link.queryParam("from", period.from()).queryParam("to", period.to());
		if (withZone && !"UTC".equals(period.zone().getId())) {
			link.queryParam("timeZone", period.zone().getId());
		}
		if (format != null) {
			link.queryParam("format", format);
		}
		return link.encode().build().toUriString();
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

	/** An organisation in the chooser. */
	record Choice(String id, String name) {

	}

}

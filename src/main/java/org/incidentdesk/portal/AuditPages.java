package org.incidentdesk.portal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.incidentdesk.history.HistoryEntry;
import org.incidentdesk.history.HistoryFilter;
import org.incidentdesk.history.IncidentAudits;
import org.incidentdesk.history.ProcessPath;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.system.CurrentUser;
import org.incidentdesk.system.RefusedRequestException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriUtils;

/**
 * The auditor's history view of any incident, open or finished: the diagram of the
 * process version it ran with the path taken (drawn in the browser by bpmn-js, from the
 * diagram and the steps this page lists), the decisions taken, the merged timeline with a
 * filter, the check of the timeline's hash chain and the CSV export. Who may read it is
 * the history API's rule ({@link IncidentAudits#readable}); this class only turns it into
 * pages. Read only: there is no form that changes anything.
 */
@Controller
class AuditPages {

	static final String BASE = "/portal/audit/incidents";

	private static final Pattern NUMBER = Pattern.compile("INC\\d{1,12}");

	private static final Pattern DIGITS = Pattern.compile("\\d{1,12}");

	private static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

	private static final MediaType BPMN_XML = new MediaType("application", "xml", StandardCharsets.UTF_8);

	private final IncidentAudits audits;

	AuditPages(IncidentAudits audits) {
		this.audits = audits;
	}

	/**
	 * Opens an incident by its number: {@code INC0001234}, {@code 1234} or
	 * {@code inc1234}.
	 */
	@GetMapping(BASE)
	ModelAndView search(@RequestParam(required = false) String number, @AuthenticationPrincipal CurrentUser user,
			HttpServletRequest request) {
		if (user.isCaller()) {
			return refusedToCallers(request);
		}
		if (number == null || number.isBlank()) {
			return new ModelAndView("portal/audit-search");
		}
		String normalised = normalise(number);
		if (normalised == null) {
			ModelAndView page = new ModelAndView("portal/audit-search").addObject("number", number)
				.addObject("numberError", "audit.search.invalid");
			page.setStatus(HttpStatus.BAD_REQUEST);
			return page;
		}
		return new ModelAndView("redirect:" + path(normalised));
	}

	@GetMapping(BASE + "/{number}")
	ModelAndView incident(@PathVariable String number, @RequestParam(required = false) String kind,
			@RequestParam(required = false) String actor, @RequestParam(required = false) String q,
			@AuthenticationPrincipal CurrentUser user, HttpServletRequest request) {
		if (user.isCaller()) {
			return refusedToCallers(request);
		}
		Incident incident = this.audits.readable(number, user);
		List<HistoryEntry> history = this.audits.history(incident);
		HistoryFilter filter = new HistoryFilter(kind, actor, q);
		ProcessPath path = this.audits.path(incident).orElse(null);
		ModelAndView page = new ModelAndView("portal/audit-incident");
		page.addObject("incident", incident);
		page.addObject("path", path);
		page.addObject("verification", this.audits.verification(incident));
		page.addObject("filter", filter);
		page.addObject("entries", filter.apply(history));
		page.addObject("total", history.size());
		page.addObject("kinds", history.stream().map(HistoryEntry::kind).distinct().sorted().toList());
		page.addObject("actors",
				history.stream()
					.map(HistoryEntry::actor)
					.filter(Objects::nonNull)
					.distinct()
					.sorted(String.CASE_INSENSITIVE_ORDER)
					.toList());
		page.addObject("noActor", HistoryFilter.NO_ACTOR);
		page.addObject("basePath", path(incident.number()));
		return page;
	}

	/** The BPMN XML of the process version the incident ran, for the diagram. */
	@GetMapping(BASE + "/{number}/diagram")
	ResponseEntity<String> diagram(@PathVariable String number, @AuthenticationPrincipal CurrentUser user) {
		Incident incident = this.audits.readable(number, user);
		String xml = this.audits.diagram(incident)
			.orElseThrow(() -> RefusedRequestException.notFound(null, "The process history of " + incident.number()
					+ " was removed by retention, and with it the process version it ran."));
		return ResponseEntity.ok().contentType(BPMN_XML).body(xml);
	}

	/** The history API's CSV, for the signed-in user. */
	@GetMapping(BASE + "/{number}/history.csv")
	ResponseEntity<String> csv(@PathVariable String number, @AuthenticationPrincipal CurrentUser user) {
		Incident incident = this.audits.readable(number, user);
		return ResponseEntity.ok()
			.contentType(TEXT_CSV)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(incident.number() + "-history.csv").build().toString())
			.body(this.audits.csv(this.audits.history(incident)));
	}

	/**
	 * Callers are refused before anything is looked up, as the history API refuses them,
	 * with a page that says where they read their incidents.
	 */
	private static ModelAndView refusedToCallers(HttpServletRequest request) {
		return PortalErrorPages.page(request, HttpStatus.FORBIDDEN, "audit.callersRefused");
	}

	static String normalise(String number) {
		String text = number.strip().toUpperCase(Locale.ROOT);
		if (DIGITS.matcher(text).matches()) {
			return "INC%07d".formatted(Long.parseLong(text));
		}
		if (NUMBER.matcher(text).matches()) {
			return "INC%07d".formatted(Long.parseLong(text.substring(3)));
		}
		return null;
	}

	private static String path(String number) {
		return BASE + "/" + UriUtils.encodePathSegment(number, StandardCharsets.UTF_8);
	}

}

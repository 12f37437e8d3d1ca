package org.incidentdesk.portal;

import java.io.IOException;
import java.io.Serializable;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.incidentdesk.attachment.Attachment;
import org.incidentdesk.attachment.AttachmentSettings;
import org.incidentdesk.attachment.Attachments;
import org.incidentdesk.attachment.RejectedAttachmentException;
import org.incidentdesk.cmdb.Cmdb;
import org.incidentdesk.cmdb.ConfigurationItem;
import org.incidentdesk.incident.Activity.Visibility;
import org.incidentdesk.incident.Channel;
import org.incidentdesk.incident.IllegalIncidentStateException;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentAccess;
import org.incidentdesk.incident.IncidentLists;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.IncidentState;
import org.incidentdesk.incident.Incidents;
import org.incidentdesk.incident.InvalidIncidentException;
import org.incidentdesk.incident.Level;
import org.incidentdesk.incident.ReportIncident;
import org.incidentdesk.incident.SlaStatuses;
import org.incidentdesk.sla.BusinessCalendars;
import org.incidentdesk.system.CurrentUser;
import org.incidentdesk.tenancy.AccessPolicy;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The caller's incidents: report one, list them, follow one's timeline, comment, attach
 * files, answer a resolution, withdraw. Every rule is the incident feature's own
 * ({@link IncidentService}, {@link IncidentAccess}); this class only turns forms into
 * calls and answers into pages. Bad input shows the form again with a message.
 */
@Controller
class IncidentPages {

	static final List<String> CATEGORIES = List.of("hardware", "software", "network", "access", "email", "other");

	private static final int PAGE_SIZE = 10;

	private static final int MAX_PAGE = 100_000;

	/** The most files a report takes; more can be attached on the incident's page. */
	static final int MAX_REPORT_FILES = 5;

	private static final int MAX_FILTER_TEXT = 200;

	/** The priorities the legend explains, as IncidentPriority.dmn gives them. */
	private static final List<String> PRIORITIES = List.of("P1", "P2", "P3", "P4", "P5");

	private final IncidentService incidents;

	private final IncidentAccess access;

	private final Incidents records;

	private final IncidentLists lists;

	private final Attachments attachments;

	private final Cmdb cmdb;

	private final TimelineTexts timelineTexts;

	private final SlaStatuses slaStatuses;

	private final BusinessCalendars calendars;

	IncidentPages(IncidentService incidents, IncidentAccess access, Incidents records, IncidentLists lists,
			Attachments attachments, Cmdb cmdb, TimelineTexts timelineTexts, SlaStatuses slaStatuses,
			BusinessCalendars calendars) {
		this.slaStatuses = slaStatuses;
		this.calendars = calendars;
		this.incidents = incidents;
		this.access = access;
		this.records = records;
		this.lists = lists;
		this.attachments = attachments;
		this.cmdb = cmdb;
		this.timelineTexts = timelineTexts;
	}

	@GetMapping("/portal/incidents")
	ModelAndView list(@RequestParam(defaultValue = "0") int page, @RequestParam(required = false) String state,
			@RequestParam(required = false) String q, @AuthenticationPrincipal CurrentUser user) {
		int number = Math.min(Math.max(page, 0), MAX_PAGE);
		// An unknown state (an old bookmark, a hand-made address) lists every state.
		IncidentState filterState = Arrays.stream(IncidentState.values())
			.filter(candidate -> candidate.name().equals(state))
			.findFirst()
			.orElse(null);
		String text = (q == null) ? "" : q.strip();
		if (text.length() > MAX_FILTER_TEXT) {
			text = text.substring(0, MAX_FILTER_TEXT);
		}
		boolean tooManyWords = IncidentLists.words(text) > IncidentLists.MAX_SEARCH_WORDS;
		Set<IncidentState> states = (filterState != null) ? Set.of(filterState) : Set.of();
		IncidentLists.Page found = tooManyWords ? new IncidentLists.Page(List.of(), 0, PAGE_SIZE, 0)
				: this.lists.visibleTo(user, states, text.isEmpty() ? null : text, number, PAGE_SIZE);
		ModelAndView list = new ModelAndView("portal/incidents").addObject("page", found)
			.addObject("states", List.of(IncidentState.values()))
			.addObject("filterState", filterState)
			.addObject("q", text)
			.addObject("filtered", filterState != null || !text.isEmpty())
			.addObject("maxWords", IncidentLists.MAX_SEARCH_WORDS)
			.addObject("priorities", PRIORITIES)
			.addObject("previousPage", listPath(found.page() - 1, filterState, text))
			.addObject("nextPage", listPath(found.page() + 1, filterState, text));
		if (tooManyWords) {
			list.addObject("filterError", "incidents.tooManyWords");
			list.setStatus(HttpStatus.BAD_REQUEST);
		}
		return list;
	}

	private static String listPath(int page, IncidentState state, String text) {
		UriComponentsBuilder path = UriComponentsBuilder.fromPath("/portal/incidents").queryParam("page", page);
		if (state != null) {
			path.queryParam("state", state.name());
		}
		if (!text.isEmpty()) {
			path.queryParam("q", text);
		}
		return path.encode().build().toUriString();
	}

	@GetMapping("/portal/incidents/new")
	ModelAndView reportForm(@AuthenticationPrincipal CurrentUser user) {
		return reportPage(user, ReportForm.empty(), List.of(), List.of(), HttpStatus.OK);
	}

	@PostMapping("/portal/incidents/new")
	ModelAndView report(@ModelAttribute ReportForm form,
			@RequestParam(name = "files", required = false) List<MultipartFile> files,
			@AuthenticationPrincipal CurrentUser user, RedirectAttributes redirect) throws IOException {
		List<String> errors = form.check(user);
		// A file input without a file sends one empty part without a name.
		List<MultipartFile> chosen = (files != null) ? files.stream()
			.filter(file -> file.getOriginalFilename() != null && !file.getOriginalFilename().isEmpty())
			.toList() : List.of();
		if (chosen.size() > MAX_REPORT_FILES) {
			errors.add("report.files.tooMany");
		}
		if (!errors.isEmpty()) {
			return reportPage(user, form, errors, List.of(), HttpStatus.BAD_REQUEST);
		}
		Incident incident;
		try {
			incident = this.incidents.report(new ReportIncident(form.tenant(user), user.id(), null, Channel.PORTAL,
					form.summary().strip(), blankToNull(form.description()), form.category(),
					blankToNull(form.ciName()), Level.valueOf(form.impact()), Level.valueOf(form.urgency())));
		}
		catch (InvalidIncidentException ex) {
			// Rules only the intake knows (say, a CI that was just removed): its
			// own words.
			return reportPage(user, form, List.of(), ex.errors(), HttpStatus.BAD_REQUEST);
		}
		// The incident stands whatever becomes of the files: each is checked as an upload
		// on
		// the incident's page is, and one refused is named with its reason on the
		// incident's page, where it can be attached again.
		List<RefusedFile> refused = new ArrayList<>();
		for (MultipartFile file : chosen) {
			try {
				this.attachments.add(incident.number(), user, file.getOriginalFilename(), file.getBytes());
			}
			catch (RejectedAttachmentException ex) {
				refused.add(new RefusedFile(file.getOriginalFilename(), switch (ex.reason()) {
					case EMPTY -> "empty";
					case TOO_LARGE -> "tooLarge";
					case TYPE_NOT_ALLOWED -> "typeNotAllowed";
				}));
			}
		}
		redirect.addFlashAttribute("notice", "incident.reported");
		if (!refused.isEmpty()) {
			redirect.addFlashAttribute("refusedFiles", refused);
		}
		return new ModelAndView("redirect:" + detailPath(incident.number()));
	}

	@GetMapping("/portal/incidents/{number}")
	ModelAndView detail(@PathVariable String number, @AuthenticationPrincipal CurrentUser user) {
		return detailPage(number, user, HttpStatus.OK);
	}

	@PostMapping("/portal/incidents/{number}/comments")
	ModelAndView comment(@PathVariable String number, @RequestParam(required = false) String body,
			@AuthenticationPrincipal CurrentUser user, RedirectAttributes redirect) {
		this.access.visible(number, user);
		String error = (body == null || body.isBlank()) ? "comment.required"
				: (body.length() > 4000) ? "comment.tooLong" : null;
		if (error != null) {
			return detailPage(number, user, HttpStatus.BAD_REQUEST).addObject("commentError", error)
				.addObject("commentBody", body);
		}
		try {
			this.incidents.comment(number, user.id(), body.strip(), Visibility.PUBLIC);
		}
		catch (IllegalIncidentStateException ex) {
			return detailPage(number, user, HttpStatus.CONFLICT).addObject("commentError", "incident.stateConflict")
				.addObject("commentBody", body);
		}
		return done(number, "comment.added", redirect);
	}

	@PostMapping("/portal/incidents/{number}/attachments")
	ModelAndView attach(@PathVariable String number, @RequestParam(required = false) MultipartFile file,
			@AuthenticationPrincipal CurrentUser user, RedirectAttributes redirect) throws IOException {
		this.access.visible(number, user);
		if (file == null || file.isEmpty()) {
			return detailPage(number, user, HttpStatus.BAD_REQUEST).addObject("attachmentError", "attachment.empty");
		}
		try {
			this.attachments.add(number, user, file.getOriginalFilename(), file.getBytes());
		}
		catch (RejectedAttachmentException ex) {
			String key = switch (ex.reason()) {
				case EMPTY -> "attachment.empty";
				case TOO_LARGE -> "attachment.tooLarge";
				case TYPE_NOT_ALLOWED -> "attachment.typeNotAllowed";
			};
			HttpStatus status = switch (ex.reason()) {
				case EMPTY -> HttpStatus.BAD_REQUEST;
				case TOO_LARGE -> HttpStatus.PAYLOAD_TOO_LARGE;
				case TYPE_NOT_ALLOWED -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
			};
			return detailPage(number, user, status).addObject("attachmentError", key);
		}
		catch (IllegalIncidentStateException ex) {
			return detailPage(number, user, HttpStatus.CONFLICT).addObject("attachmentError", "incident.stateConflict");
		}
		return done(number, "attachment.added", redirect);
	}

	@GetMapping("/portal/incidents/{number}/attachments/{id}")
	ResponseEntity<byte[]> download(@PathVariable String number, @PathVariable long id,
			@AuthenticationPrincipal CurrentUser user) {
		return this.attachments.file(number, id, user).download();
	}

	@PostMapping("/portal/incidents/{number}/resolution")
	ModelAndView answerResolution(@PathVariable String number, @RequestParam(required = false) String accepted,
			@RequestParam(required = false) String reason, @AuthenticationPrincipal CurrentUser user,
			RedirectAttributes redirect) {
		Incident incident = this.access.visible(number, user);
		boolean accept = "true".equals(accepted);
		String error = null;
		if (!"true".equals(accepted) && !"false".equals(accepted)) {
			error = "resolution.choose";
		}
		else if (!accept && (reason == null || reason.isBlank())) {
			error = "resolution.reasonRequired";
		}
		else if (reason != null && reason.length() > 4000) {
			error = "resolution.reasonTooLong";
		}
		else if (!incident.callerId().equals(user.id())) {
			error = "resolution.notYours";
		}
		if (error != null) {
			return detailPage(number, user, HttpStatus.BAD_REQUEST).addObject("resolutionError", error)
				.addObject("rejectionReason", reason);
		}
		try {
			this.incidents.answerResolution(number, user.id(), accept, accept ? null : reason.strip());
		}
		catch (IllegalIncidentStateException ex) {
			return detailPage(number, user, HttpStatus.CONFLICT).addObject("resolutionError", "incident.stateConflict");
		}
		return done(number, accept ? "resolution.confirmed" : "resolution.rejected", redirect);
	}

	@PostMapping("/portal/incidents/{number}/withdrawal")
	ModelAndView withdraw(@PathVariable String number, @RequestParam(required = false) String reason,
			@AuthenticationPrincipal CurrentUser user, RedirectAttributes redirect) {
		Incident incident = this.access.visible(number, user);
		String error = (reason == null || reason.isBlank()) ? "withdraw.reasonRequired" : (reason.length() > 1000)
				? "withdraw.reasonTooLong" : !incident.callerId().equals(user.id()) ? "withdraw.notYours" : null;
		if (error != null) {
			return detailPage(number, user, HttpStatus.BAD_REQUEST).addObject("withdrawError", error)
				.addObject("withdrawReason", reason);
		}
		try {
			this.incidents.withdraw(number, user.id(), reason.strip());
		}
		catch (IllegalIncidentStateException ex) {
			return detailPage(number, user, HttpStatus.CONFLICT).addObject("withdrawError", "incident.stateConflict");
		}
		return done(number, "withdraw.done", redirect);
	}

	private ModelAndView reportPage(CurrentUser user, ReportForm form, List<String> errors, List<String> intakeErrors,
			HttpStatus status) {
		String tenant = form.tenant(user);
		List<ConfigurationItem> items = (tenant != null) ? this.cmdb.list(tenant) : List.of();
		ModelAndView page = new ModelAndView("portal/report");
		page.addObject("form", form);
		page.addObject("errors", errors);
		page.addObject("intakeErrors", intakeErrors);
		page.addObject("categories", CATEGORIES);
		page.addObject("levels", List.of(Level.values()));
		page.addObject("items", items);
		page.addObject("tenants", user.tenants());
		page.addObject("maxSizeMb", this.attachments.settings().maxSize().toMegabytes());
		page.addObject("allowedExtensions", String.join(", ", this.attachments.allowedExtensions()));
		page.addObject("maxFiles", MAX_REPORT_FILES);
		page.setStatus(status);
		return page;
	}

	private ModelAndView detailPage(String number, CurrentUser user, HttpStatus status) {
		Incident incident = this.access.visible(number, user);
		AttachmentSettings limits = this.attachments.settings();
		ModelAndView page = new ModelAndView("portal/incident");
		page.addObject("incident", incident);
		// the due date in the organisation's calendar time zone, the time left in the
		// incident's clock
		ZoneId zone = this.calendars.calendarOf(incident.tenantId()).zone();
		page.addObject("zone", zone);
		page.addObject("sla", this.slaStatuses.of(incident));
		page.addObject("ci",
				(incident.ciId() != null) ? this.cmdb.find(incident.tenantId(), incident.ciId()).orElse(null) : null);
		List<Attachment> attached = this.attachments.list(number, user);
		page.addObject("timeline", this.timelineTexts.lines(this.records.timeline(number, false), attached,
				LocaleContextHolder.getLocale(), zone));
		page.addObject("attachments", attached);
		page.addObject("open", incident.state().isOpen());
		page.addObject("takesComments", incident.state().isOpen() || incident.state() == IncidentState.RESOLVED);
		page.addObject("awaitingAnswer",
				incident.state() == IncidentState.RESOLVED && incident.callerId().equals(user.id()));
		page.addObject("maxSizeMb", limits.maxSize().toMegabytes());
		page.addObject("allowedExtensions", String.join(", ", this.attachments.allowedExtensions()));
		// Error pages re-render under the POST's path; the language switch must lead to
		// the incident, which answers a GET.
		page.addObject("currentPath", detailPath(number));
		page.setStatus(status);
		return page;
	}

	private static ModelAndView done(String number, String notice, RedirectAttributes redirect) {
		redirect.addFlashAttribute("notice", notice);
		return new ModelAndView("redirect:" + detailPath(number));
	}

	private static String detailPath(String number) {
		return "/portal/incidents/" + UriUtils.encodePathSegment(number, "UTF-8");
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	/**
	 * A file chosen with a report that was not attached.
	 *
	 * @param reason {@code empty}, {@code tooLarge} or {@code typeNotAllowed} (message
	 * {@code report.fileRefused.<reason>})
	 */
	record RefusedFile(String fileName, String reason) implements Serializable {
	}

	/**
	 * The report form as submitted; every field a string, so nothing a browser sends
	 * fails before it is checked here.
	 */
	record ReportForm(String tenantId, String summary, String description, String category, String ciName,
			String impact, String urgency) {

		static ReportForm empty() {
			return new ReportForm(null, "", "", "other", "", Level.MEDIUM.name(), Level.MEDIUM.name());
		}

		/** The caller's organisation: the only one, or the one chosen among several. */
		String tenant(CurrentUser user) {
			if (user.tenants().size() == 1) {
				return user.tenants().get(0);
			}
			return AccessPolicy.servesTenant(user, this.tenantId) ? this.tenantId : null;
		}

		/** Message keys of what is wrong, in the order of the form. */
		List<String> check(CurrentUser user) {
			List<String> errors = new ArrayList<>();
			if (tenant(user) == null) {
				errors.add("report.tenant.required");
			}
			if (this.summary == null || this.summary.isBlank()) {
				errors.add("report.summary.required");
			}
			else if (this.summary.strip().length() > 200) {
				errors.add("report.summary.tooLong");
			}
			if (this.description != null && this.description.length() > 4000) {
				errors.add("report.description.tooLong");
			}
			if (this.category == null || !CATEGORIES.contains(this.category)) {
				errors.add("report.category.invalid");
			}
			if (!isLevel(this.impact)) {
				errors.add("report.impact.invalid");
			}
			if (!isLevel(this.urgency)) {
				errors.add("report.urgency.invalid");
			}
			if (this.ciName != null && this.ciName.length() > 200) {
				errors.add("report.ci.unknown");
			}
			return errors;
		}

		private static boolean isLevel(String value) {
			return value != null && Arrays.stream(Level.values()).anyMatch(level -> level.name().equals(value));
		}

	}

}

package org.incidentdesk.portal;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.incidentdesk.attachment.Attachment;
import org.incidentdesk.attachment.Attachments;
import org.incidentdesk.attachment.RejectedAttachmentException;
import org.incidentdesk.cmdb.Cmdb;
import org.incidentdesk.incident.ActionNotAllowedException;
import org.incidentdesk.incident.Activity.Visibility;
import org.incidentdesk.incident.ActivityKind;
import org.incidentdesk.incident.HoldReason;
import org.incidentdesk.incident.IllegalIncidentStateException;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentAccess;
import org.incidentdesk.incident.IncidentLists;
import org.incidentdesk.incident.IncidentLists.StaffSearch;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.IncidentState;
import org.incidentdesk.incident.Incidents;
import org.incidentdesk.incident.SlaRisk;
import org.incidentdesk.incident.SlaStatuses;
import org.incidentdesk.sla.BusinessCalendars;
import org.incidentdesk.system.CurrentUser;
import org.incidentdesk.system.EngineClock;
import org.incidentdesk.system.RefusedRequestException;
import org.incidentdesk.tenancy.AccessPolicy;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * The staff's incident list and incident page: everything about one incident (caller and
 * contact, configuration item, priority and what it means, the SLA clock, attachments,
 * the whole timeline with work notes) and the actions the API allows staff (work note,
 * public reply, hold and resume, attach). Who sees which incident is
 * {@link IncidentAccess}'s, as for {@code GET /api/v1/incidents/{number}}; callers are
 * refused before any incident is looked up, and overseers (auditors, managers) read but
 * change nothing, as the API refuses their changes.
 */
@Controller
class StaffIncidentPages {

	static final String BASE = "/portal/staff/incidents";

	private static final int PAGE_SIZE = 20;

	private static final int MAX_PAGE = 100_000;

	private static final int MAX_NOTE = 4000;

	private static final int MAX_HOLD_COMMENT = 3000;

	private static final List<String> PRIORITIES = List.of("P1", "P2", "P3", "P4", "P5");

	/** Timeline entries the service writes itself, whoever's action caused them. */
	private static final Set<ActivityKind> BY_THE_SERVICE = Set.of(ActivityKind.FIELD_CHANGE, ActivityKind.HANDOVER,
			ActivityKind.HIERARCHICAL_ESCALATION, ActivityKind.SLA, ActivityKind.NOTIFICATION);

	private final IncidentService incidents;

	private final IncidentAccess access;

	private final Incidents records;

	private final IncidentLists lists;

	private final Attachments attachments;

	private final Cmdb cmdb;

	private final TimelineTexts timelineTexts;

	private final SlaStatuses slaStatuses;

	private final BusinessCalendars calendars;

	private final StaffDirectory directory;

	private final EngineClock clock;

	StaffIncidentPages(IncidentService incidents, IncidentAccess access, Incidents records, IncidentLists lists,
			Attachments attachments, Cmdb cmdb, TimelineTexts timelineTexts, SlaStatuses slaStatuses,
			BusinessCalendars calendars, StaffDirectory directory, EngineClock clock) {
		this.incidents = incidents;
		this.access = access;
		this.records = records;
		this.lists = lists;
		this.attachments = attachments;
		this.cmdb = cmdb;
		this.timelineTexts = timelineTexts;
		this.slaStatuses = slaStatuses;
		this.calendars = calendars;
		this.directory = directory;
		this.clock = clock;
	}

	@GetMapping(BASE)
	ModelAndView list(@RequestParam(required = false) List<String> state,
			@RequestParam(required = false) List<String> priority, @RequestParam(required = false) String tenant,
			@RequestParam(required = false) String group, @RequestParam(required = false) String sla,
			@RequestParam(required = false) String q, @RequestParam(defaultValue = "0") String page,
			@AuthenticationPrincipal CurrentUser user) {
		requireStaff(user);
		Map<String, String> tenants = this.directory.tenantsOf(user);
		Map<String, String> groups = this.directory.assignableGroups(user);
		List<String> errors = new ArrayList<>();
		Set<IncidentState> states = new LinkedHashSet<>();
		for (String value : nonBlank(state)) {
			if (Arrays.stream(IncidentState.values()).anyMatch(known -> known.name().equals(value))) {
				states.add(IncidentState.valueOf(value));
			}
			else if (!errors.contains("staff.list.error.state")) {
				errors.add("staff.list.error.state");
			}
		}
		Set<String> priorities = new LinkedHashSet<>();
		for (String value : nonBlank(priority)) {
			if (PRIORITIES.contains(value)) {
				priorities.add(value);
			}
			else if (!errors.contains("staff.list.error.priority")) {
				errors.add("staff.list.error.priority");
			}
		}
		String tenantId = blankToNull(tenant);
		if (tenantId != null && !tenants.containsKey(tenantId)) {
			// Not one of the user's: said as for an unknown one, so nothing is learnt.
			errors.add("staff.list.error.tenant");
		}
		String groupId = blankToNull(group);
		if (groupId != null && groupId.length() > 64) {
			errors.add("staff.list.error.group");
		}
		SlaRisk risk = null;
		if (blankToNull(sla) != null) {
			if (Arrays.stream(SlaRisk.values()).anyMatch(known -> known.name().equals(sla))) {
				risk = SlaRisk.valueOf(sla);
			}
			else {
				errors.add("staff.list.error.sla");
			}
		}
		String text = blankToNull(q);
		if (text != null && text.length() > 200) {
			errors.add("staff.list.error.textTooLong");
		}
		int pageNumber = 0;
		try {
			pageNumber = Math.min(Math.max(Integer.parseInt(page.strip()), 0), MAX_PAGE);
		}
		catch (NumberFormatException ex) {
			errors.add("staff.list.error.page");
		}
		ModelAndView view = new ModelAndView("portal/staff-incidents");
		view.addObject("tenants", tenants);
		view.addObject("groups", groups);
		view.addObject("states", List.of(IncidentState.values()));
		view.addObject("priorities", PRIORITIES);
		view.addObject("risks", List.of(SlaRisk.values()));
		view.addObject("chosenStates", states.stream().map(Enum::name).toList());
		view.addObject("chosenPriorities", List.copyOf(priorities));
		view.addObject("chosenTenant", tenantId);
		view.addObject("chosenGroup", groupId);
		view.addObject("chosenSla", (risk != null) ? risk.name() : null);
		view.addObject("q", (q != null) ? q : "");
		view.addObject("errors", errors);
		if (!errors.isEmpty()) {
			view.addObject("rows", List.of());
			view.addObject("page", null);
			view.setStatus(HttpStatus.BAD_REQUEST);
			return view;
		}
		IncidentLists.Page found;
		try {
			found = this.lists.search(user, new StaffSearch(states, priorities, tenantId, groupId, risk, text),
					pageNumber, PAGE_SIZE);
		}
		catch (RefusedRequestException ex) {
			errors.add("staff.list.error.tooManyWords");
			view.addObject("rows", List.of());
			view.addObject("page", null);
			view.setStatus(HttpStatus.BAD_REQUEST);
			return view;
		}
		Locale locale = LocaleContextHolder.getLocale();
		Map<String, StaffFormat> formats = new HashMap<>();
		Map<String, String> groupNames = new HashMap<>();
		Instant now = this.clock.now();
		List<Row> rows = found.items()
			.stream()
			.map(incident -> new Row(incident, tenants.getOrDefault(incident.tenantId(), incident.tenantId()),
					(incident.assignmentGroup() != null) ? groupNames.computeIfAbsent(incident.assignmentGroup(),
							id -> groups.getOrDefault(id, this.directory.groupName(id))) : null,
					formats.computeIfAbsent(incident.tenantId(), id -> new StaffFormat(zoneOf(id), locale)),
					slaState(incident, now)))
			.toList();
		view.addObject("rows", rows);
		view.addObject("page", found);
		view.addObject("pageLinks", new PageLinks(BASE, states, priorities, tenantId, groupId, risk, text));
		return view;
	}

	@GetMapping(BASE + "/{number}")
	ModelAndView detail(@PathVariable String number, @AuthenticationPrincipal CurrentUser user) {
		requireStaff(user);
		return detailPage(number, user, HttpStatus.OK);
	}

	@PostMapping(BASE + "/{number}/work-notes")
	ModelAndView workNote(@PathVariable String number, @RequestParam(required = false) String body,
			@AuthenticationPrincipal CurrentUser user, RedirectAttributes redirect) {
		requireChanges(user);
		this.access.visible(number, user);
		String error = checkText(body, "staff.note");
		if (error != null) {
			return detailPage(number, user, HttpStatus.BAD_REQUEST).addObject("noteError", error)
				.addObject("noteBody", body);
		}
		try {
			this.incidents.comment(number, user.id(), body.strip(), Visibility.INTERNAL);
		}
		catch (IllegalIncidentStateException ex) {
			return conflict(number, user, "noteError", ex).addObject("noteBody", body);
		}
		return done(number, "staff.note.added", redirect);
	}

	@PostMapping(BASE + "/{number}/replies")
	ModelAndView reply(@PathVariable String number, @RequestParam(required = false) String body,
			@AuthenticationPrincipal CurrentUser user, RedirectAttributes redirect) {
		requireChanges(user);
		this.access.visible(number, user);
		String error = checkText(body, "staff.reply");
		if (error != null) {
			return detailPage(number, user, HttpStatus.BAD_REQUEST).addObject("replyError", error)
				.addObject("replyBody", body);
		}
		try {
			this.incidents.comment(number, user.id(), body.strip(), Visibility.PUBLIC);
		}
		catch (IllegalIncidentStateException ex) {
			return conflict(number, user, "replyError", ex).addObject("replyBody", body);
		}
		return done(number, "staff.reply.added", redirect);
	}

	@PostMapping(BASE + "/{number}/hold")
	ModelAndView hold(@PathVariable String number, @RequestParam(required = false) String reason,
			@RequestParam(required = false) String comment, @AuthenticationPrincipal CurrentUser user,
			RedirectAttributes redirect) {
		requireChanges(user);
		this.access.visible(number, user);
		String error = (reason == null || Arrays.stream(HoldReason.values()).noneMatch(r -> r.name().equals(reason)))
				? "staff.hold.reasonRequired"
				: (comment != null && comment.length() > MAX_HOLD_COMMENT) ? "staff.hold.commentTooLong" : null;
		if (error != null) {
			return detailPage(number, user, HttpStatus.BAD_REQUEST).addObject("holdError", error)
				.addObject("holdComment", comment);
		}
		try {
			this.incidents.hold(number, HoldReason.valueOf(reason), blankToNull(comment));
		}
		catch (IllegalIncidentStateException ex) {
			return conflict(number, user, "holdError", ex).addObject("holdComment", comment);
		}
		return done(number, "staff.hold.done", redirect);
	}

	@PostMapping(BASE + "/{number}/resume")
	ModelAndView resume(@PathVariable String number, @AuthenticationPrincipal CurrentUser user,
			RedirectAttributes redirect) {
		requireChanges(user);
		this.access.visible(number, user);
		try {
			this.incidents.resume(number);
		}
		catch (IllegalIncidentStateException ex) {
			return conflict(number, user, "resumeError", ex);
		}
		return done(number, "staff.resume.done", redirect);
	}

	@PostMapping(BASE + "/{number}/attachments")
	ModelAndView attach(@PathVariable String number, @RequestParam(required = false) MultipartFile file,
			@AuthenticationPrincipal CurrentUser user, RedirectAttributes redirect) throws IOException {
		requireChanges(user);
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
			return conflict(number, user, "attachmentStateError", ex);
		}
		return done(number, "attachment.added", redirect);
	}

	@GetMapping(BASE + "/{number}/attachments/{id}")
	ResponseEntity<byte[]> download(@PathVariable String number, @PathVariable long id,
			@AuthenticationPrincipal CurrentUser user) {
		requireStaff(user);
		return this.attachments.file(number, id, user).download();
	}

	private ModelAndView detailPage(String number, CurrentUser user, HttpStatus status) {
		Incident incident = this.access.visible(number, user);
		Locale locale = LocaleContextHolder.getLocale();
		ZoneId zone = zoneOf(incident.tenantId());
		List<Attachment> attached = this.attachments.list(number, user);
		ModelAndView page = new ModelAndView("portal/staff-incident");
		page.addObject("incident", incident);
		page.addObject("when", new StaffFormat(zone, locale));
		page.addObject("sla", this.slaStatuses.of(incident));
		page.addObject("slaState", slaState(incident, this.clock.now()));
		page.addObject("caller", this.directory.person(incident.callerId()));
		page.addObject("affected",
				(incident.affectedUser() != null && !incident.affectedUser().equals(incident.callerId()))
						? incident.affectedUser() : null);
		page.addObject("assignee", this.directory.person(incident.assignee()));
		page.addObject("tenantName", this.directory.tenantName(incident.tenantId()));
		page.addObject("groupName", this.directory.groupName(incident.assignmentGroup()));
		page.addObject("ci",
				(incident.ciId() != null) ? this.cmdb.find(incident.tenantId(), incident.ciId()).orElse(null) : null);
		page.addObject("timeline",
				this.timelineTexts.lines(this.records.timeline(number, true), attached, locale, zone)
					.stream()
					.map(line -> new StaffLine(line, BY_THE_SERVICE.contains(line.entry().kind()),
							line.entry().visibility() == Visibility.INTERNAL))
					.toList());
		page.addObject("attachments", attached);
		boolean acts = !AccessPolicy.onlyOversees(user);
		boolean takesComments = incident.state().isOpen() || incident.state() == IncidentState.RESOLVED;
		page.addObject("acts", acts);
		page.addObject("takesComments", acts && takesComments);
		page.addObject("mayHold",
				acts && (incident.state() == IncidentState.NEW || incident.state() == IncidentState.IN_PROGRESS));
		page.addObject("mayResume", acts && incident.state() == IncidentState.ON_HOLD);
		page.addObject("holdReasons", List.of(HoldReason.values()));
		page.addObject("maxSizeMb", this.attachments.settings().maxSize().toMegabytes());
		page.addObject("allowedExtensions", String.join(", ", this.attachments.allowedExtensions()));
		page.addObject("currentPath", path(number));
		page.setStatus(status);
		return page;
	}

	private ModelAndView conflict(String number, CurrentUser user, String errorName, IllegalIncidentStateException ex) {
		return detailPage(number, user, HttpStatus.CONFLICT).addObject(errorName, "incident.stateConflict")
			.addObject("conflictDetail", ex.getMessage());
	}

	private ZoneId zoneOf(String tenantId) {
		ZoneId zone = this.calendars.calendarOf(tenantId).zone();
		return (zone != null) ? zone : ZoneOffset.UTC;
	}

	/**
	 * Where the incident stands against its SLA now: {@code BREACHED} (a target recorded
	 * as missed, or an open incident past its due date with the clock running),
	 * {@code AT_RISK} (open and past the warning), else {@code ON_TRACK}, or {@code NONE}
	 * before classification. The list's filter asks the same in SQL.
	 */
	static String slaState(Incident incident, Instant now) {
		if (Boolean.TRUE.equals(incident.responseSlaBreached()) || Boolean.TRUE.equals(incident.resolutionSlaBreached())
				|| (incident.state().isOpen() && incident.slaPausedAt() == null && incident.resolutionDueAt() != null
						&& !incident.resolutionDueAt().toInstant().isAfter(now))) {
			return "BREACHED";
		}
		if (incident.resolutionDueAt() == null) {
			return "NONE";
		}
		if (incident.state().isOpen() && incident.resolutionWarningAt() != null
				&& !incident.resolutionWarningAt().toInstant().isAfter(now)) {
			return "AT_RISK";
		}
		return "ON_TRACK";
	}

	/**
	 * Callers never get the staff pages, whatever the incident: refused before it is
	 * looked up, as the API refuses their staff actions.
	 */
	private static void requireStaff(CurrentUser user) {
		if (!AccessPolicy.isStaff(user)) {
			throw new ActionNotAllowedException("The staff pages are for the service desk and support staff.");
		}
	}

	/** Overseers read and change nothing, as the API refuses their changes. */
	private static void requireChanges(CurrentUser user) {
		requireStaff(user);
		if (AccessPolicy.onlyOversees(user)) {
			throw new ActionNotAllowedException("Auditors and managers read incidents here and change nothing.");
		}
	}

	private static String checkText(String body, String prefix) {
		if (body == null || body.isBlank()) {
			return prefix + ".required";
		}
		return (body.length() > MAX_NOTE) ? prefix + ".tooLong" : null;
	}

	private static ModelAndView done(String number, String notice, RedirectAttributes redirect) {
		redirect.addFlashAttribute("notice", notice);
		return new ModelAndView("redirect:" + path(number));
	}

	static String path(String number) {
		return BASE + "/" + UriUtils.encodePathSegment(number, "UTF-8");
	}

	private static List<String> nonBlank(List<String> values) {
		if (values == null) {
			return List.of();
		}
		// A select sends one value, a link may send a comma separated list.
		return values.stream()
			.filter(value -> value != null)
			.flatMap(value -> Arrays.stream(value.split(",")))
			.map(String::strip)
			.filter(value -> !value.isEmpty())
			.toList();
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	/**
	 * One incident of the list.
	 *
	 * @param slaState as {@link #slaState}
	 */
	record Row(Incident incident, String tenantName, String groupName, StaffFormat when, String slaState) {
	}

	/**
	 * A timeline entry on the staff page.
	 *
	 * @param byService written by the service itself (a field change, a hand-over, an SLA
	 * event, a notification), so shown as the service's, not as the person's whose action
	 * caused it
	 * @param internal a work note or other entry the caller does not see
	 */
	record StaffLine(TimelineTexts.Line line, boolean byService, boolean internal) {
	}

	/** The list's address with its filters, for the page links. */
	record PageLinks(String base, Set<IncidentState> states, Set<String> priorities, String tenant, String group,
			SlaRisk sla, String q) {

		public String page(int number) {
			var query = new StringBuilder("?page=").append(number);
			this.states.forEach(state -> query.append("&state=").append(state.name()));
			this.priorities.forEach(priority -> query.append("&priority=").append(priority));
			append(query, "tenant", this.tenant);
			append(query, "group", this.group);
			append(query, "sla", (this.sla != null) ? this.sla.name() : null);
			append(query, "q", this.q);
			return this.base + query;
		}

		private static void append(StringBuilder query, String name, String value) {
			if (value != null) {
				query.append('&').append(name).append('=').append(UriUtils.encodeQueryParam(value, "UTF-8"));
			}
		}

	}

}

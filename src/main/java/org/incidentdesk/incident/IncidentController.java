package org.incidentdesk.incident;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.incidentdesk.incident.Activity.Visibility;
import org.incidentdesk.system.CurrentUser;
import org.incidentdesk.system.RefusedRequestException;
import org.incidentdesk.tenancy.AccessPolicy;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The incidents API: report, list and read, comment and write work notes, hold and
 * resume, answer a resolution, withdraw.
 */
@RestController
@RequestMapping("/api/v1/incidents")
@Tag(name = "Incidents")
class IncidentController {

	private final IncidentService incidents;

	private final IncidentRecords records;

	private final IncidentAccess access;

	private final IdempotentReports idempotentReports;

	private final SlaStatuses slaStatuses;

	IncidentController(IncidentService incidents, IncidentRecords records, IncidentAccess access,
			IdempotentReports idempotentReports, SlaStatuses slaStatuses) {
		this.slaStatuses = slaStatuses;
		this.incidents = incidents;
		this.records = records;
		this.access = access;
		this.idempotentReports = idempotentReports;
	}

	@PostMapping
	@Operation(summary = "Report an incident",
			description = "Callers report for themselves; staff report on behalf of a caller of a tenant they serve. "
					+ "With an Idempotency-Key header (up to 100 characters), a retry with the same key and body "
					+ "returns the incident of the first request, marked Idempotent-Replayed: true; the same key "
					+ "with another body is refused with 422.")
	ResponseEntity<IncidentView> report(@Valid @RequestBody CreateIncident request,
			@RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey,
			@AuthenticationPrincipal CurrentUser user) {
		ReportIncident report = request.toReport(user);
		Incident incident;
		boolean replayed = false;
		if (idempotencyKey == null) {
			incident = this.incidents.report(report);
		}
		else {
			IdempotentReports.Reported reported = this.idempotentReports.report(report,
					IdempotencyKey.of(user.id(), idempotencyKey, request));
			incident = reported.incident();
			replayed = reported.replayed();
		}
		var response = ResponseEntity.created(URI.create("/api/v1/incidents/" + incident.number()));
		if (replayed) {
			response.header(IdempotencyKey.REPLAYED_HEADER, "true");
		}
		return response.body(IncidentView.of(incident, user.isCaller()));
	}

	@GetMapping
	@Operation(summary = "List and search incidents",
			description = "Only incidents the user may see: callers their own, staff those of the tenants they serve, "
					+ "auditors and administrators all. Lists may be repeated or comma separated. Sort by "
					+ "createdAt, updatedAt, priority, state, number or resolutionDueAt, e.g. sort=createdAt,desc "
					+ "(the default). q is up to 8 words; an incident matches when each is the start of a word of "
					+ "its number, summary or description, ignoring case (INC0001234, 0001234 and 1234 find "
					+ "INC0001234); punctuation separates words, so % and _ are no wildcards. Pages count from 0; size is 1 to 100, 20 by default. Paging reaches the first "
					+ "1,000 incidents of a list, and totalItems counts up to 1,000 (totalItemsExact false "
					+ "beyond); narrow the filter or reverse the sort to reach the rest.")
	IncidentPage list(@ParameterObject @Valid IncidentSearch search, @AuthenticationPrincipal CurrentUser user,
			HttpServletRequest request) {
		List<String> unknown = request.getParameterMap()
			.keySet()
			.stream()
			.filter(name -> !IncidentSearch.PARAMETERS.contains(name))
			.sorted()
			.toList();
		if (!unknown.isEmpty()) {
			throw RefusedRequestException.invalid("Unknown query parameter", "Unknown query parameter(s) " + unknown
					+ ". Known parameters: " + IncidentSearch.PARAMETERS.stream().sorted().toList() + ".");
		}
		IncidentFilter filter = search.toFilter(user);
		IncidentRecords.Found found = this.records.search(filter);
		return IncidentPage.of(
				found.items().stream().map(incident -> IncidentView.of(incident, user.isCaller())).toList(),
				filter.page(), filter.size(), found.total(), found.exact());
	}

	@GetMapping("/{number}")
	@Operation(summary = "Read an incident",
			description = "sla: the SLA clock (BUSINESS_HOURS or AROUND_THE_CLOCK), whether it is paused, and the "
					+ "paused, elapsed and remaining seconds in that clock, remaining to the resolution due date "
					+ "(negative when overdue, standing still while paused or resolved).")
	IncidentView get(@PathVariable String number, @AuthenticationPrincipal CurrentUser user) {
		Incident incident = this.access.visible(number, user);
		return IncidentView.of(incident, user.isCaller(), this.slaStatuses.of(incident));
	}

	@GetMapping("/{number}/timeline")
	@Operation(summary = "The incident's timeline", description = "Callers see only customer-visible entries.")
	List<Activity> timeline(@PathVariable String number, @AuthenticationPrincipal CurrentUser user) {
		this.access.visible(number, user);
		return this.records.timeline(number, !user.isCaller());
	}

	@PostMapping("/{number}/comments")
	@Operation(summary = "Add a comment (visible to the caller) or, for staff, an internal work note")
	ResponseEntity<Void> comment(@PathVariable String number, @Valid @RequestBody NewComment comment,
			@AuthenticationPrincipal CurrentUser user) {
		this.access.visible(number, user);
		if (comment.internal() && user.isCaller()) {
			throw forbidden("Callers cannot write internal work notes.");
		}
		this.incidents.comment(number, user.id(), comment.body(),
				comment.internal() ? Visibility.INTERNAL : Visibility.PUBLIC);
		return ResponseEntity.status(HttpStatus.CREATED).build();
	}

	@PostMapping("/{number}/work-notes")
	@Operation(summary = "Add an internal work note (staff only)",
			description = "Work notes never show in the caller's timeline.")
	ResponseEntity<Void> workNote(@PathVariable String number, @Valid @RequestBody NewWorkNote note,
			@AuthenticationPrincipal CurrentUser user) {
		requireStaff(user, "write work notes");
		this.access.visible(number, user);
		this.incidents.comment(number, user.id(), note.body(), Visibility.INTERNAL);
		return ResponseEntity.status(HttpStatus.CREATED).build();
	}

	@PostMapping("/{number}/hold")
	@Operation(summary = "Put a new or in-progress incident on hold (staff only)",
			description = "The reason is required; the comment is shown to the caller with it. A caller's comment "
					+ "ends a hold awaiting the caller.")
	ResponseEntity<Void> hold(@PathVariable String number, @Valid @RequestBody Hold hold,
			@AuthenticationPrincipal CurrentUser user) {
		requireStaff(user, "put incidents on hold");
		this.access.visible(number, user);
		this.incidents.hold(number, hold.reason(), hold.comment());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{number}/resume")
	@Operation(summary = "Take an incident off hold, back to in progress (staff only)")
	ResponseEntity<Void> resume(@PathVariable String number, @AuthenticationPrincipal CurrentUser user) {
		requireStaff(user, "resume incidents");
		this.access.visible(number, user);
		this.incidents.resume(number);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/{number}/suggestions")
	@Operation(summary = "Knowledge suggestions attached to the incident",
			description = "Callers see only published public articles among them.")
	List<Suggestion> suggestions(@PathVariable String number, @AuthenticationPrincipal CurrentUser user) {
		this.access.visible(number, user);
		return user.isCaller() ? this.records.suggestionsForCaller(number) : this.records.suggestions(number);
	}

	@PostMapping("/{number}/resolution")
	@Operation(summary = "The caller confirms or rejects the resolution")
	ResponseEntity<Void> answerResolution(@PathVariable String number, @Valid @RequestBody ResolutionAnswer answer,
			@AuthenticationPrincipal CurrentUser user) {
		Incident incident = this.access.visible(number, user);
		if (!AccessPolicy.mayConfirm(user.id(), incident.callerId())) {
			throw forbidden("Only the caller of " + number + " can confirm or reject its resolution.");
		}
		this.incidents.answerResolution(number, user.id(), answer.accepted(), answer.reason());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{number}/resolve")
	@Operation(summary = "Staff of the group working on the incident resolve it")
	ResponseEntity<Void> resolve(@PathVariable String number, @Valid @RequestBody Resolution resolution,
			@AuthenticationPrincipal CurrentUser user) {
		requireStaff(user, "resolve incidents");
		this.access.visible(number, user);
		this.incidents.resolve(number, user, resolution.resolutionCode(), resolution.resolutionNotes());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{number}/withdrawal")
	@Operation(summary = "The caller withdraws the incident")
	ResponseEntity<Void> withdraw(@PathVariable String number, @Valid @RequestBody Withdrawal withdrawal,
			@AuthenticationPrincipal CurrentUser user) {
		Incident incident = this.access.visible(number, user);
		if (!AccessPolicy.mayConfirm(user.id(), incident.callerId())) {
			throw forbidden("Only the caller of " + number + " can withdraw it.");
		}
		this.incidents.withdraw(number, user.id(), withdrawal.reason());
		return ResponseEntity.noContent().build();
	}

	/**
	 * Decided before the incident is looked up, so a caller learns nothing about numbers
	 * that are not theirs.
	 */
	private static void requireStaff(CurrentUser user, String action) {
		if (!AccessPolicy.isStaff(user)) {
			throw forbidden("Only service desk and support staff can " + action + ".");
		}
	}

	private static ActionNotAllowedException forbidden(String detail) {
		return new ActionNotAllowedException(detail);
	}

	/**
	 * A new incident. Callers leave tenant and caller empty (they report for themselves);
	 * staff name both.
	 */
	record CreateIncident(@Size(max = 64) String tenantId, @Size(max = 64) String callerId,
			@Size(max = 64) String affectedUser, Channel channel, @NotBlank @Size(max = 200) String summary,
			@Size(max = 4000) String description,
			@NotBlank @Pattern(regexp = IncidentIntake.CATEGORY_PATTERN,
					message = "must be one of hardware, software, network, access, email, other") String category,
			@Size(max = 200) String ciName, @NotNull Level impact, @NotNull Level urgency) {

		ReportIncident toReport(CurrentUser user) {
			if (user.isCaller()) {
				String tenant = (this.tenantId != null) ? this.tenantId
						: (user.tenants().size() == 1) ? user.tenants().get(0) : null;
				if (!AccessPolicy.servesTenant(user, tenant)) {
					throw new InvalidIncidentException(List.of("Name your organisation in tenantId."));
				}
				if (this.callerId != null && !this.callerId.equals(user.id())) {
					throw new InvalidIncidentException(List.of("Callers report incidents only for themselves."));
				}
				return new ReportIncident(tenant, user.id(), this.affectedUser, Channel.API, this.summary,
						this.description, this.category, this.ciName, this.impact, this.urgency);
			}
			if (this.tenantId == null || this.callerId == null) {
				throw new InvalidIncidentException(
						List.of("Staff report on behalf of a caller: give tenantId and callerId."));
			}
			if (!AccessPolicy.actsForTenant(user, this.tenantId)) {
				throw new InvalidIncidentException(
						List.of("You do not serve the customer organisation '" + this.tenantId + "'."));
			}
			return new ReportIncident(this.tenantId, this.callerId, this.affectedUser,
					(this.channel != null) ? this.channel : Channel.PHONE, this.summary, this.description,
					this.category, this.ciName, this.impact, this.urgency);
		}

	}

	record NewComment(@NotBlank @Size(max = 4000) String body, boolean internal) {
	}

	record NewWorkNote(@NotBlank @Size(max = 4000) String body) {
	}

	/**
	 * @param comment why, for the caller to read
	 */
	record Hold(@NotNull HoldReason reason, @Size(max = 3000) String comment) {
	}

	record ResolutionAnswer(@NotNull Boolean accepted, @Size(max = 4000) String reason) {
	}

	record Resolution(@NotBlank @Size(max = 32) String resolutionCode,
			@NotBlank @Size(max = 4000) String resolutionNotes) {
	}

	record Withdrawal(@NotBlank @Size(max = 1000) String reason) {
	}

}

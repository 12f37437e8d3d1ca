package org.incidentdesk.incident;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.incidentdesk.incident.Activity.Visibility;
import org.incidentdesk.system.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The incidents API: report, read, comment, answer a resolution, withdraw. */
@RestController
@RequestMapping("/api/v1/incidents")
@Tag(name = "Incidents")
class IncidentController {

	private final IncidentService incidents;

	private final IncidentRecords records;

	private final IncidentAccess access;

	IncidentController(IncidentService incidents, IncidentRecords records, IncidentAccess access) {
		this.incidents = incidents;
		this.records = records;
		this.access = access;
	}

	@PostMapping
	@Operation(summary = "Report an incident",
			description = "Callers report for themselves; staff report on behalf of a caller of a tenant they serve.")
	ResponseEntity<IncidentView> report(@Valid @RequestBody CreateIncident request,
			@AuthenticationPrincipal CurrentUser user) {
		Incident incident = this.incidents.report(request.toReport(user));
		return ResponseEntity.created(URI.create("/api/v1/incidents/" + incident.number()))
			.body(IncidentView.of(incident, user.isCaller()));
	}

	@GetMapping("/{number}")
	@Operation(summary = "Read an incident")
	IncidentView get(@PathVariable String number, @AuthenticationPrincipal CurrentUser user) {
		return IncidentView.of(this.access.visible(number, user), user.isCaller());
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

	@PostMapping("/{number}/resolution")
	@Operation(summary = "The caller confirms or rejects the resolution")
	ResponseEntity<Void> answerResolution(@PathVariable String number, @Valid @RequestBody ResolutionAnswer answer,
			@AuthenticationPrincipal CurrentUser user) {
		Incident incident = this.access.visible(number, user);
		if (!incident.callerId().equals(user.id())) {
			throw forbidden("Only the caller of " + number + " can confirm or reject its resolution.");
		}
		this.incidents.answerResolution(number, answer.accepted(), answer.reason());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{number}/withdrawal")
	@Operation(summary = "The caller withdraws the incident")
	ResponseEntity<Void> withdraw(@PathVariable String number, @Valid @RequestBody Withdrawal withdrawal,
			@AuthenticationPrincipal CurrentUser user) {
		Incident incident = this.access.visible(number, user);
		if (!incident.callerId().equals(user.id())) {
			throw forbidden("Only the caller of " + number + " can withdraw it.");
		}
		this.incidents.withdraw(number, withdrawal.reason());
		return ResponseEntity.noContent().build();
	}

	private static ErrorResponseException forbidden(String detail) {
		return new ErrorResponseException(HttpStatus.FORBIDDEN,
				ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, detail), null);
	}

	/**
	 * A new incident. Callers leave tenant and caller empty (they report for themselves); staff
	 * name both.
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
				if (tenant == null || !user.serves(tenant)) {
					throw new InvalidIncidentException(List.of("Name your organisation in tenantId."));
				}
				if (this.callerId != null && !this.callerId.equals(user.id())) {
					throw new InvalidIncidentException(List.of("Callers report incidents only for themselves."));
				}
				return new ReportIncident(tenant, user.id(), this.affectedUser, Channel.API, this.summary,
						this.description, this.category, this.ciName, this.impact, this.urgency);
			}
			if (this.tenantId == null || this.callerId == null) {
				throw new InvalidIncidentException(List.of("Staff report on behalf of a caller: give tenantId and callerId."));
			}
			if (!user.serves(this.tenantId) && !user.isMemberOf(CurrentUser.ADMINISTRATORS)) {
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

	record ResolutionAnswer(@NotNull Boolean accepted, @Size(max = 4000) String reason) {
	}

	record Withdrawal(@NotBlank @Size(max = 1000) String reason) {
	}

}

package org.incidentdesk.incident;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.camunda.bpm.engine.BadUserRequestException;
import org.incidentdesk.audit.AuditTrail;
import org.incidentdesk.audit.NewTrailEntry;
import org.incidentdesk.incident.Activity.Visibility;
import org.incidentdesk.incident.SlaBreached.Sla;
import org.incidentdesk.system.CurrentActor;
import org.incidentdesk.sla.SlaClock;
import org.incidentdesk.system.EngineClock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes to incident records. Every change writes its timeline entry (who, when, which
 * field, old and new value) in the same transaction, and state changes are checked
 * against the allowed transitions. The process drives these changes through its
 * delegates. The facts operators count ({@link IncidentOpened},
 * {@link IncidentResponded}, {@link SlaWarned}, {@link SlaBreached}) are published as
 * events inside the transaction; whoever counts them listens after the commit, so a
 * rolled-back change counts nothing and no counter row is locked by the change itself.
 */
@Service
@Transactional
public class IncidentRecords {

	private final IncidentRepository repository;

	private final AuditTrail trail;

	private final EngineClock clock;

	private final SlaClock slaClock;

	private final CurrentActor actor;

	private final ApplicationEventPublisher events;

	IncidentRecords(IncidentRepository repository, AuditTrail trail, EngineClock clock, CurrentActor actor,
			ApplicationEventPublisher events, SlaClock slaClock) {
		this.slaClock = slaClock;
		this.repository = repository;
		this.trail = trail;
		this.clock = clock;
		this.actor = actor;
		this.events = events;
	}

	/**
	 * A due date moved by a pause of the incident's SLA clock: by the paused time, in the
	 * incident's clock, when the date was still ahead when the pause began; a date
	 * already past then stays.
	 */
	public OffsetDateTime movedByPause(Incident incident, OffsetDateTime due, Instant pauseBegan, Duration paused) {
		if (due == null || !due.toInstant().isAfter(pauseBegan) || paused.isZero() || paused.isNegative()) {
			return due;
		}
		Instant later = incident.slaBusinessHours()
				? this.slaClock.addBusinessTime(incident.tenantId(), due.toInstant(), paused)
				: due.toInstant().plus(paused);
		return later.atOffset(ZoneOffset.UTC);
	}

	/** The time the incident's clock has been paused in its running pause, up to now. */
	public Duration runningPause(Incident incident, Instant now) {
		if (incident.slaPausedAt() == null) {
			return Duration.ZERO;
		}
		Instant from = incident.slaPausedAt().toInstant();
		Duration paused = incident.slaBusinessHours()
				? this.slaClock.businessTimeBetween(incident.tenantId(), from, now) : Duration.between(from, now);
		return paused.isNegative() ? Duration.ZERO : paused;
	}

	/**
	 * A due date as it stands now: moved by the running pause, as the resume will move
	 * it. A response or resolution given while the clock is paused is measured against
	 * this.
	 */
	private OffsetDateTime dueNow(Incident incident, OffsetDateTime due, OffsetDateTime now) {
		if (incident.slaPausedAt() == null) {
			return due;
		}
		return movedByPause(incident, due, incident.slaPausedAt().toInstant(), runningPause(incident, now.toInstant()));
	}

	/** Creates the record in state New with a fresh, never reused number. */
	public Incident create(NewIncident incident) {
		String number = "INC%07d".formatted(this.repository.nextNumber());
		OffsetDateTime now = this.clock.nowUtc();
		long id = this.repository.insert(number, incident, now);
		append(id, ActivityKind.FIELD_CHANGE, Visibility.PUBLIC, this.actor.id(),
				"Incident reported through " + incident.channel().name().toLowerCase() + ".", "state", null,
				IncidentState.NEW.name(), now);
		this.events.publishEvent(new IncidentOpened(number, incident.tenantId(), incident.channel()));
		return get(number);
	}

	@Transactional(readOnly = true)
	public Optional<Incident> find(String number) {
		return this.repository.findByNumber(number);
	}

	@Transactional(readOnly = true)
	public Incident get(String number) {
		return find(number).orElseThrow(() -> new IncidentNotFoundException(number));
	}

	@Transactional(readOnly = true)
	public List<Activity> timeline(String number, boolean includeInternal) {
		return this.trail.entries(get(number).id())
			.stream()
			.filter((entry) -> includeInternal || Visibility.PUBLIC.name().equals(entry.visibility()))
			.map((entry) -> new Activity(entry.id(), ActivityKind.valueOf(entry.kind()),
					Visibility.valueOf(entry.visibility()), entry.author(), entry.body(), entry.field(),
					entry.oldValue(), entry.newValue(), entry.createdAt()))
			.toList();
	}

	/**
	 * The open incidents (neither resolved, closed nor cancelled) with SLA dates, of one
	 * tenant or of all ({@code null}), oldest first: what a re-timing of the SLA dates
	 * looks at.
	 */
	@Transactional(readOnly = true)
	public List<Incident> openWithSla(String tenantId) {
		return this.repository.openWithSla(tenantId);
	}

	/**
	 * Ties a starting process to its record. A record has one process for its whole life,
	 * in its own tenant: a process started (through Tasklist or engine REST) for an
	 * existing incident's number is refused, so it can never change another process's
	 * record.
	 * @throws BadUserRequestException if the incident is unknown, has its process
	 * already, or belongs to another tenant
	 */
	public void linkProcessInstance(String number, String processInstanceId, String tenantId) {
		Incident incident = find(number).orElseThrow(
				() -> new BadUserRequestException("There is no incident " + number + " to start a process for."));
		if (incident.processInstanceId() != null && !incident.processInstanceId().equals(processInstanceId)) {
			throw new BadUserRequestException("Incident " + number
					+ " has its process already; start a new incident without an incident number instead.");
		}
		if (!incident.tenantId().equals(tenantId)) {
			throw new BadUserRequestException("Incident " + number
					+ " belongs to another customer organisation than the process started for it.");
		}
		this.repository.update(incident, this.clock.nowUtc(), "process_instance_id = :pi", "pi", processInstanceId);
	}

	/** Records the outcome of classification: CI, priority and the SLA due times. */
	public void classify(String number, Long ciId, String priority, OffsetDateTime responseDueAt,
			OffsetDateTime resolutionWarningAt, OffsetDateTime resolutionDueAt, boolean businessHours) {
		Incident incident = get(number);
		OffsetDateTime now = this.clock.nowUtc();
		this.repository.update(incident, now, """
				ci_id = :ci, priority = :priority, response_due_at = :responseDue,
				resolution_warning_at = :warning, resolution_due_at = :resolutionDue,
				sla_business_hours = :businessHours""", "ci", ciId, "priority", priority, "responseDue", responseDueAt,
				"warning", resolutionWarningAt, "resolutionDue", resolutionDueAt, "businessHours", businessHours);
		changed(incident, "priority", incident.priority(), priority, Visibility.PUBLIC, now);
		changed(incident, "resolutionDueAt", incident.resolutionDueAt(), resolutionDueAt, Visibility.PUBLIC, now);
	}

	public void moveTo(String number, IncidentState target, HoldReason holdReason) {
		Incident incident = get(number);
		requireTransition(incident, target);
		if (target == IncidentState.ON_HOLD && holdReason == null) {
			throw new IllegalArgumentException("An incident goes on hold only with a reason.");
		}
		OffsetDateTime now = this.clock.nowUtc();
		this.repository.update(incident, now, "state = :state, hold_reason = :reason", "state", target.name(), "reason",
				(target == IncidentState.ON_HOLD) ? holdReason.name() : null);
		changed(incident, "state", incident.state(), target, Visibility.PUBLIC, now);
		if (target == IncidentState.ON_HOLD) {
			changed(incident, "holdReason", incident.holdReason(), holdReason, Visibility.PUBLIC, now);
		}
		if (incident.state() == IncidentState.ON_HOLD && target != IncidentState.ON_HOLD) {
			this.events.publishEvent(new IncidentEvents.TakenOffHold(number, incident.tenantId()));
		}
		else if (incident.state() != IncidentState.ON_HOLD && target == IncidentState.ON_HOLD) {
			this.events.publishEvent(new IncidentEvents.PutOnHold(number, incident.tenantId(), holdReason));
		}
	}

	/**
	 * Stops the incident's SLA clock (it is on hold for a reason that pauses it), once: a
	 * clock that is paused stays paused from when it first stopped.
	 */
	public void pauseSla(String number, String reason) {
		Incident incident = get(number);
		if (incident.slaPausedAt() != null) {
			return;
		}
		OffsetDateTime now = this.clock.nowUtc();
		this.repository.update(incident, now, "sla_paused_at = :now", "now", now);
		append(incident.id(), ActivityKind.SLA, Visibility.PUBLIC, this.actor.id(),
				"The SLA clock is paused: " + reason + ".", "slaPausedAt", null, now.toString(), now);
	}

	/**
	 * Starts the incident's paused SLA clock again: the paused time is added to its
	 * total, and the due dates the pause held back move to the ones given.
	 * @param paused the paused time, in the incident's clock (business or wall time)
	 */
	public void resumeSla(String number, Duration paused, OffsetDateTime responseDueAt,
			OffsetDateTime resolutionWarningAt, OffsetDateTime resolutionDueAt) {
		Incident incident = get(number);
		if (incident.slaPausedAt() == null) {
			return;
		}
		OffsetDateTime now = this.clock.nowUtc();
		this.repository.update(incident, now, """
				sla_paused_at = null, sla_paused_seconds = :total, response_due_at = :responseDue,
				resolution_warning_at = :warning, resolution_due_at = :resolutionDue""", "total",
				incident.slaPausedSeconds() + paused.toSeconds(), "responseDue", responseDueAt, "warning",
				resolutionWarningAt, "resolutionDue", resolutionDueAt);
		append(incident.id(), ActivityKind.SLA, Visibility.PUBLIC, this.actor.id(),
				"The SLA clock runs again after " + describe(paused)
						+ (incident.slaBusinessHours() ? " of business time" : "")
						+ " paused; the resolution is now due " + resolutionDueAt + " (was "
						+ incident.resolutionDueAt() + ").",
				"resolutionDueAt", String.valueOf(incident.resolutionDueAt()), String.valueOf(resolutionDueAt), now);
	}

	/**
	 * New SLA dates after a change of the targets (a priority change): the timeline keeps
	 * the old and the new due date and why.
	 */
	public void retimeSla(String number, OffsetDateTime responseDueAt, OffsetDateTime resolutionWarningAt,
			OffsetDateTime resolutionDueAt, boolean businessHours, String why) {
		Incident incident = get(number);
		OffsetDateTime now = this.clock.nowUtc();
		this.repository.update(incident, now, """
				response_due_at = :responseDue, resolution_warning_at = :warning, resolution_due_at = :resolutionDue,
				sla_business_hours = :businessHours""", "responseDue", responseDueAt, "warning", resolutionWarningAt,
				"resolutionDue", resolutionDueAt, "businessHours", businessHours);
		append(incident.id(), ActivityKind.SLA, Visibility.PUBLIC, this.actor.id(),
				"SLA recomputed (" + why + "): the resolution is now due " + resolutionDueAt + " (was "
						+ incident.resolutionDueAt() + "), the response " + responseDueAt + " (was "
						+ incident.responseDueAt() + ").",
				"resolutionDueAt", String.valueOf(incident.resolutionDueAt()), String.valueOf(resolutionDueAt), now);
	}

	private static String describe(Duration duration) {
		return duration.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
	}

	/** The group (and person) now working on the incident. */
	public void assign(String number, String group, String assignee) {
		Incident incident = get(number);
		OffsetDateTime now = this.clock.nowUtc();
		this.repository.update(incident, now, "assignment_group = :group, assignee = :assignee", "group", group,
				"assignee", assignee);
		changed(incident, "assignmentGroup", incident.assignmentGroup(), group, Visibility.INTERNAL, now);
		changed(incident, "assignee", incident.assignee(), assignee, Visibility.INTERNAL, now);
	}

	/**
	 * The first time somebody picks the incident up stops the response clock and puts a
	 * new incident in progress. Later pick-ups change nothing.
	 * @return whether this was the first response
	 */
	public boolean markResponded(String number) {
		Incident incident = get(number);
		if (incident.respondedAt() != null) {
			return false;
		}
		OffsetDateTime now = this.clock.nowUtc();
		OffsetDateTime due = dueNow(incident, incident.responseDueAt(), now);
		Boolean breached = (due != null) ? now.isAfter(due) : null;
		this.repository.update(incident, now, "responded_at = :now, response_sla_breached = :breached", "now", now,
				"breached", breached);
		changed(incident, "respondedAt", null, now, Visibility.INTERNAL, now);
		this.events.publishEvent(new IncidentResponded(number, incident.tenantId(), incident.priority(),
				Duration.between(incident.createdAt(), now)));
		breached(incident, incident.responseSlaBreached(), breached, Sla.RESPONSE);
		if (incident.state() == IncidentState.NEW) {
			moveTo(number, IncidentState.IN_PROGRESS, null);
		}
		return true;
	}

	/** Hands the work to another group and records the hand-over. */
	public void handOver(String number, String toGroup, HandoverKind kind, String note) {
		Incident incident = get(number);
		OffsetDateTime now = this.clock.nowUtc();
		int level = kind.levelAfter(incident.supportLevel());
		int escalations = incident.escalationCount() + (kind.isEscalation() ? 1 : 0);
		this.repository.update(incident, now, """
				assignment_group = :group, assignee = null, support_level = :level, escalation_count = :escalations""",
				"group", toGroup, "level", level, "escalations", escalations);
		String from = (incident.assignmentGroup() != null) ? incident.assignmentGroup() : "service-desk";
		append(incident.id(), ActivityKind.HANDOVER, Visibility.INTERNAL, this.actor.id(),
				kind.describe(from, toGroup) + ((note != null && !note.isBlank()) ? " " + note : ""), "assignmentGroup",
				from, toGroup, now);
	}

	public void setPriority(String number, String priority) {
		Incident incident = get(number);
		OffsetDateTime now = this.clock.nowUtc();
		this.repository.update(incident, now, "priority = :priority", "priority", priority);
		changed(incident, "priority", incident.priority(), priority, Visibility.PUBLIC, now);
	}

	public void declareMajorIncident(String number) {
		Incident incident = get(number);
		OffsetDateTime now = this.clock.nowUtc();
		this.repository.update(incident, now, "major_incident = true");
		changed(incident, "majorIncident", incident.majorIncident(), true, Visibility.INTERNAL, now);
	}

	public void markResponseSlaBreached(String number) {
		Incident incident = get(number);
		OffsetDateTime now = this.clock.nowUtc();
		this.repository.update(incident, now, "response_sla_breached = true");
		append(incident.id(), ActivityKind.SLA, Visibility.INTERNAL, this.actor.id(),
				"Nobody picked the incident up by its response due time " + incident.responseDueAt() + ".",
				"responseSlaBreached", String.valueOf(incident.responseSlaBreached()), "true", now);
		breached(incident, incident.responseSlaBreached(), true, Sla.RESPONSE);
	}

	public void recordSlaWarning(String number) {
		Incident incident = get(number);
		append(incident.id(), ActivityKind.SLA, Visibility.INTERNAL, this.actor.id(),
				"Resolution SLA warning: the incident is due by " + incident.resolutionDueAt() + ".", null, null, null,
				this.clock.nowUtc());
		this.events.publishEvent(new SlaWarned(number, incident.tenantId(), incident.priority()));
	}

	public void markResolutionSlaBreached(String number) {
		Incident incident = get(number);
		OffsetDateTime now = this.clock.nowUtc();
		this.repository.update(incident, now, "resolution_sla_breached = true");
		append(incident.id(), ActivityKind.SLA, Visibility.INTERNAL, this.actor.id(),
				"The resolution due time " + incident.resolutionDueAt() + " has passed.", "resolutionSlaBreached",
				String.valueOf(incident.resolutionSlaBreached()), "true", now);
		breached(incident, incident.resolutionSlaBreached(), true, Sla.RESOLUTION);
	}

	public void recordHierarchicalEscalation(String number, String reason) {
		Incident incident = get(number);
		OffsetDateTime now = this.clock.nowUtc();
		int count = incident.hierarchicalEscalationCount() + 1;
		this.repository.update(incident, now, "hierarchical_escalation_count = :count", "count", count);
		append(incident.id(), ActivityKind.HIERARCHICAL_ESCALATION, Visibility.INTERNAL, this.actor.id(), reason,
				"hierarchicalEscalationCount", String.valueOf(incident.hierarchicalEscalationCount()),
				String.valueOf(count), now);
	}

	/**
	 * Records the solution. A fix by the service desk with no hand-over and no reopen is
	 * a first-contact resolution.
	 */
	public void resolve(String number, String resolutionCode, String resolutionNotes) {
		Incident incident = get(number);
		requireTransition(incident, IncidentState.RESOLVED);
		OffsetDateTime now = this.clock.nowUtc();
		boolean firstContact = incident.escalationCount() == 0 && incident.reopenCount() == 0
				&& (incident.assignmentGroup() == null || "service-desk".equals(incident.assignmentGroup()));
		OffsetDateTime due = dueNow(incident, incident.resolutionDueAt(), now);
		Boolean breached = (due != null) ? now.isAfter(due) : null;
		this.repository.update(incident, now, """
				state = 'RESOLVED', hold_reason = null, resolved_at = :now, resolution_code = :code,
				resolution_notes = :notes, first_contact_resolution = :fcr,
				resolution_sla_breached = coalesce(resolution_sla_breached, :breached),
				sla_paused_at = coalesce(sla_paused_at, :now)""", "now", now, "code", resolutionCode, "notes",
				resolutionNotes, "fcr", firstContact, "breached", breached);
		changed(incident, "state", incident.state(), IncidentState.RESOLVED, Visibility.PUBLIC, now);
		append(incident.id(), ActivityKind.COMMENT, Visibility.PUBLIC, this.actor.id(),
				"Resolved (" + resolutionCode + "): " + resolutionNotes, "resolutionCode", incident.resolutionCode(),
				resolutionCode, now);
		breached(incident, incident.resolutionSlaBreached(), breached, Sla.RESOLUTION);
	}

	/** The caller rejected the resolution: back to work, and the reopen counts. */
	public int reopen(String number, String reason) {
		Incident incident = get(number);
		requireTransition(incident, IncidentState.IN_PROGRESS);
		OffsetDateTime now = this.clock.nowUtc();
		int reopens = incident.reopenCount() + 1;
		this.repository.update(incident, now, """
				state = 'IN_PROGRESS', reopen_count = :reopens, resolved_at = null, first_contact_resolution = null""",
				"reopens", reopens);
		changed(incident, "state", incident.state(), IncidentState.IN_PROGRESS, Visibility.PUBLIC, now);
		append(incident.id(), ActivityKind.COMMENT, Visibility.PUBLIC, this.actor.id(),
				"The caller rejected the resolution: " + reason, "reopenCount", String.valueOf(incident.reopenCount()),
				String.valueOf(reopens), now);
		return reopens;
	}

	/**
	 * Closes the incident and stores the figures the service is measured by. (The SLA
	 * clock stopped at the resolution and stays stopped.)
	 */
	public Incident close(String number, String closureCode) {
		Incident incident = get(number);
		requireTransition(incident, IncidentState.CLOSED);
		OffsetDateTime now = this.clock.nowUtc();
		Long toRespond = seconds(incident.createdAt(), incident.respondedAt());
		Long toResolve = seconds(incident.createdAt(), incident.resolvedAt());
		boolean slaMet = !Boolean.TRUE.equals(incident.responseSlaBreached())
				&& !Boolean.TRUE.equals(incident.resolutionSlaBreached());
		this.repository.update(incident, now, """
				state = 'CLOSED', closed_at = :now, closure_code = :code, time_to_respond_seconds = :toRespond,
				time_to_resolve_seconds = :toResolve, sla_met = :slaMet,
				response_sla_breached = coalesce(response_sla_breached, false),
				resolution_sla_breached = coalesce(resolution_sla_breached, false)""", "now", now, "code", closureCode,
				"toRespond", toRespond, "toResolve", toResolve, "slaMet", slaMet);
		changed(incident, "state", incident.state(), IncidentState.CLOSED, Visibility.PUBLIC, now);
		changed(incident, "closureCode", incident.closureCode(), closureCode, Visibility.PUBLIC, now);
		return get(number);
	}

	public void cancel(String number, String reason, String duplicateOf) {
		Incident incident = get(number);
		requireTransition(incident, IncidentState.CANCELLED);
		OffsetDateTime now = this.clock.nowUtc();
		this.repository.update(incident, now,
				"state = 'CANCELLED', hold_reason = null, closed_at = :now, closure_code = :code, duplicate_of = :dup",
				"now", now, "code", (duplicateOf != null) ? "DUPLICATE" : "WITHDRAWN", "dup", duplicateOf);
		changed(incident, "state", incident.state(), IncidentState.CANCELLED, Visibility.PUBLIC, now);
		append(incident.id(), ActivityKind.COMMENT, Visibility.PUBLIC, this.actor.id(),
				(duplicateOf != null) ? "Cancelled as a duplicate of " + duplicateOf + "." : "Cancelled: " + reason,
				null, null, null, now);
	}

	/**
	 * Attaches the knowledge suggestions found for the incident, replacing earlier ones.
	 */
	public void attachSuggestions(String number, List<Suggestion> suggestions) {
		Incident incident = get(number);
		OffsetDateTime now = this.clock.nowUtc();
		this.repository.replaceSuggestions(incident.id(), suggestions, now);
		if (!suggestions.isEmpty()) {
			append(incident.id(), ActivityKind.WORK_NOTE, Visibility.INTERNAL, this.actor.id(),
					suggestions.size() + " knowledge suggestion(s) attached, best: "
							+ suggestions.get(0).articleNumber() + " " + suggestions.get(0).title(),
					null, null, null, now);
		}
	}

	@Transactional(readOnly = true)
	public List<Suggestion> suggestions(String number) {
		return this.repository.suggestions(get(number).id());
	}

	/** The suggestions the caller may read: published public articles only. */
	@Transactional(readOnly = true)
	public List<Suggestion> suggestionsForCaller(String number) {
		return this.repository.publicSuggestions(get(number).id());
	}

	/** One page of the incidents that match, with the number of all that match. */
	@Transactional(readOnly = true)
	Found search(IncidentFilter filter) {
		IncidentRepository.Counted counted = this.repository.count(filter);
		return new Found(filter.inWindow() ? this.repository.search(filter, counted) : List.of(),
				Math.min(counted.count(), IncidentFilter.WINDOW), counted.count() <= IncidentFilter.WINDOW);
	}

	/**
	 * A page of search results.
	 *
	 * @param total how many match, at most {@link IncidentFilter#WINDOW}
	 * @param exact whether that is all of them
	 */
	record Found(List<Incident> items, long total, boolean exact) {
	}

	/** A customer-visible comment or an internal work note. */
	public void addEntry(String number, ActivityKind kind, Visibility visibility, String body) {
		Incident incident = get(number);
		append(incident.id(), kind, visibility, this.actor.id(), body, null, null, null, this.clock.nowUtc());
	}

	/**
	 * Records that somebody was notified (the notification itself goes through the
	 * outbox).
	 */
	public void recordNotification(long incidentId, String recipient, String subject) {
		append(incidentId, ActivityKind.NOTIFICATION, Visibility.INTERNAL, this.actor.id(), subject, "notified", null,
				recipient, this.clock.nowUtc());
	}

	/**
	 * Appends the entry to the incident's timeline in the audit trail, in this
	 * transaction.
	 */
	private void append(long incidentId, ActivityKind kind, Visibility visibility, String author, String body,
			String field, String oldValue, String newValue, OffsetDateTime now) {
		this.trail.append(incidentId,
				new NewTrailEntry(kind.name(), visibility.name(), author, body, field, oldValue, newValue, now));
	}

	private void requireTransition(Incident incident, IncidentState target) {
		if (!incident.state().canMoveTo(target)) {
			throw new IllegalIncidentStateException(
					"Incident " + incident.number() + " is " + incident.state().name().toLowerCase().replace('_', ' ')
							+ " and cannot become " + target.name().toLowerCase().replace('_', ' ') + ".");
		}
	}

	private void changed(Incident incident, String field, Object oldValue, Object newValue, Visibility visibility,
			OffsetDateTime now) {
		if (Objects.equals(oldValue, newValue)) {
			return;
		}
		append(incident.id(), ActivityKind.FIELD_CHANGE, visibility, this.actor.id(), null, field,
				(oldValue != null) ? oldValue.toString() : null, (newValue != null) ? newValue.toString() : null, now);
	}

	/**
	 * An SLA counts as breached once per incident: when its flag first turns true,
	 * whether its timer noticed or a late response or resolution did.
	 */
	private void breached(Incident incident, Boolean before, Boolean after, Sla sla) {
		if (!Boolean.TRUE.equals(before) && Boolean.TRUE.equals(after)) {
			this.events.publishEvent(new SlaBreached(incident.number(), incident.tenantId(), incident.priority(), sla));
		}
	}

	private static Long seconds(OffsetDateTime from, OffsetDateTime to) {
		return (from != null && to != null) ? Duration.between(from, to).toSeconds() : null;
	}

}

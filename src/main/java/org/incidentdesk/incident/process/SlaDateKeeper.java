package org.incidentdesk.incident.process;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.incidentdesk.classification.Classifier;
import org.incidentdesk.classification.SlaDates;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentEvents;
import org.incidentdesk.incident.IncidentRecords;
import org.incidentdesk.incident.process.IncidentProcess.Element;
import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.incidentdesk.slapolicy.SlaPolicy;
import org.incidentdesk.system.EngineAsServer;
import org.incidentdesk.system.EngineClock;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The SLA clock stops while an incident is on hold for a reason that pauses it (the SLA
 * settings' pausing reasons; waiting for the caller's reply is such a hold), and runs
 * again when the hold ends. Then every SLA date that was still ahead when the pause began
 * moves by the paused time, counted in the incident's clock (business hours or every
 * hour): on the record, in the process variables, on the SLA timers' jobs and on the
 * tasks' due and follow-up dates, all in the transaction that ends the hold.
 */
@Component
class SlaDateKeeper {

	private final IncidentRecords records;

	private final SlaPolicy policy;

	private final EngineClock clock;

	private final RuntimeService runtime;

	private final ManagementService management;

	private final TaskService tasks;

	private final EngineAsServer server;

	private final Classifier classifier;

	private final TaskTexts texts;

	SlaDateKeeper(IncidentRecords records, SlaPolicy policy, EngineClock clock, RuntimeService runtime,
			ManagementService management, TaskService tasks, EngineAsServer server, Classifier classifier,
			TaskTexts texts) {
		this.texts = texts;
		this.classifier = classifier;
		this.records = records;
		this.policy = policy;
		this.clock = clock;
		this.runtime = runtime;
		this.management = management;
		this.tasks = tasks;
		this.server = server;
	}

	@EventListener
	void onHold(IncidentEvents.PutOnHold hold) {
		if (this.policy.pauses(hold.tenantId(), hold.reason().name())) {
			this.records.pauseSla(hold.number(),
					"on hold, " + hold.reason().name().toLowerCase(Locale.ROOT).replace('_', ' '));
		}
	}

	@EventListener
	void offHold(IncidentEvents.TakenOffHold hold) {
		resume(hold.number());
	}

	/**
	 * The clock stops at the resolution (IncidentRecords.resolve); a reopen continues it
	 * from the time it had used, before the process arms the SLA timers again.
	 */
	@EventListener
	void reopened(IncidentEvents.Reopened reopen) {
		resume(reopen.number());
	}

	private void resume(String number) {
		Incident incident = this.records.get(number);
		if (incident.slaPausedAt() == null) {
			return;
		}
		Instant from = incident.slaPausedAt().toInstant();
		Duration paused = this.records.runningPause(incident, this.clock.now());
		OffsetDateTime response = (incident.respondedAt() == null)
				? moved(incident, incident.responseDueAt(), from, paused) : incident.responseDueAt();
		OffsetDateTime warning = moved(incident, incident.resolutionWarningAt(), from, paused);
		OffsetDateTime resolution = moved(incident, incident.resolutionDueAt(), from, paused);
		this.records.resumeSla(number, paused, response, warning, resolution);
		if (incident.processInstanceId() != null) {
			withoutAuthorization(() -> moveInProcess(incident, response, warning, resolution));
		}
	}

	/**
	 * Recomputes the SLA dates after a priority change: the new priority's targets from
	 * the report time, net of the time the clock was paused, so the time already used
	 * stays used. A response already given keeps its due date.
	 */
	void priorityChanged(String number, String from, String to) {
		Incident incident = this.records.get(number);
		Retimed dates = recomputed(incident, to);
		this.records.retimeSla(number, dates.responseDueAt(), dates.resolutionWarningAt(), dates.resolutionDueAt(),
				dates.businessHours(),
				"priority " + from + " to " + to + ", from the report time net of " + pausedTime(incident) + " paused");
		if (incident.processInstanceId() != null) {
			withoutAuthorization(() -> moveInProcess(incident, dates.responseDueAt(), dates.resolutionWarningAt(),
					dates.resolutionDueAt()));
		}
	}

	/**
	 * Re-times a running incident with the current business calendar and SLA targets
	 * (after either changed): its SLA dates computed again for its current priority, as a
	 * priority change does, and moved on the record, the timeline, the process variables,
	 * the timers' jobs and the tasks, in the caller's transaction. A clock paused now
	 * stays paused (its resume moves the dates by the pause, as ever). An incident that
	 * is no longer open, has no priority yet or whose dates are right already is left
	 * alone.
	 * @param why what the timeline says after "re-timing"
	 * @return the old and new dates if anything moved, else empty
	 */
	Optional<Retimed> retime(String number, String why) {
		Incident incident = this.records.get(number);
		if (!incident.state().isOpen() || incident.priority() == null) {
			return Optional.empty();
		}
		Retimed dates = recomputed(incident, incident.priority());
		if (!dates.moves()) {
			return Optional.empty();
		}
		this.records.retimeSla(number, dates.responseDueAt(), dates.resolutionWarningAt(), dates.resolutionDueAt(),
				dates.businessHours(),
				"re-timing " + why + ", from the report time net of " + pausedTime(incident) + " paused");
		if (incident.processInstanceId() != null) {
			withoutAuthorization(() -> moveInProcess(incident, dates.responseDueAt(), dates.resolutionWarningAt(),
					dates.resolutionDueAt()));
		}
		return Optional.of(dates);
	}

	/**
	 * The SLA dates of the incident for a priority, counted as now: that priority's
	 * targets from the report time, net of the time the clock was paused (a pause still
	 * running counts when it ends). A response already given keeps its due date.
	 */
	Retimed recomputed(Incident incident, String priority) {
		SlaDates dates = this.classifier.slaDates(incident.tenantId(), priority, incident.createdAt().toInstant(),
				Duration.ofSeconds(incident.slaPausedSeconds()));
		OffsetDateTime response = (incident.respondedAt() == null) ? utc(dates.responseDueAt())
				: incident.responseDueAt();
		return new Retimed(incident, response, utc(dates.resolutionWarningAt()), utc(dates.resolutionDueAt()),
				dates.businessHours());
	}

	private static String pausedTime(Incident incident) {
		return Duration.ofSeconds(incident.slaPausedSeconds()).toString().substring(2).toLowerCase(Locale.ROOT);
	}

	/**
	 * An incident's SLA dates as they are ({@code incident}) and as they would be counted
	 * now.
	 */
	record Retimed(Incident incident, OffsetDateTime responseDueAt, OffsetDateTime resolutionWarningAt,
			OffsetDateTime resolutionDueAt, boolean businessHours) {

		/**
		 * Whether any date or the clock differs (to the millisecond the engine keeps).
		 */
		boolean moves() {
			return !sameMilli(this.incident.responseDueAt(), this.responseDueAt)
					|| !sameMilli(this.incident.resolutionWarningAt(), this.resolutionWarningAt)
					|| !sameMilli(this.incident.resolutionDueAt(), this.resolutionDueAt)
					|| this.incident.slaBusinessHours() != this.businessHours;
		}

		private static boolean sameMilli(OffsetDateTime a, OffsetDateTime b) {
			return (a == null || b == null) ? a == b : a.toInstant().toEpochMilli() == b.toInstant().toEpochMilli();
		}

	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private OffsetDateTime moved(Incident incident, OffsetDateTime due, Instant pauseBegan, Duration paused) {
		return this.records.movedByPause(incident, due, pauseBegan, paused);
	}

	private void moveInProcess(Incident incident, OffsetDateTime response, OffsetDateTime warning,
			OffsetDateTime resolution) {
		String processInstance = incident.processInstanceId();
		if (this.runtime.createProcessInstanceQuery().processInstanceId(processInstance).count() == 0) {
			return;
		}
		move(processInstance, Var.RESPONSE_DUE_AT, Element.BOUNDARY_EVENT_RESPONSE_SLA_DUE, incident.responseDueAt(),
				response);
		move(processInstance, Var.RESOLUTION_WARNING_AT, Element.BOUNDARY_EVENT_RESOLUTION_SLA_WARNING,
				incident.resolutionWarningAt(), warning);
		move(processInstance, Var.RESOLUTION_DUE_AT, Element.BOUNDARY_EVENT_RESOLUTION_SLA_BREACHED,
				incident.resolutionDueAt(), resolution);
		// the texts Tasklist shows of the dates (TaskTexts), in step with them and with
		// the priority of record (a priority change has set it, its variable follows)
		Map<String, Object> raw = this.runtime.getVariables(processInstance,
				List.of(Var.RESPONSE_DUE_AT, Var.RESOLUTION_DUE_AT, Var.RESPONDED_AT));
		this.runtime.setVariables(processInstance,
				this.texts.slaAndPriority(incident.tenantId(), this.records.get(incident.number()).priority(),
						(Date) raw.get(Var.RESPONSE_DUE_AT), (Date) raw.get(Var.RESOLUTION_DUE_AT),
						(Date) raw.get(Var.RESPONDED_AT)));
	}

	/**
	 * Moves one SLA date in the process: its variable, its timer's job, and every task
	 * due or following up at it.
	 */
	private void move(String processInstance, String variable, String timer, OffsetDateTime before,
			OffsetDateTime after) {
		if (before == null || after == null || before.isEqual(after)) {
			return;
		}
		Date old = Date.from(before.toInstant());
		Date now = Date.from(after.toInstant());
		this.runtime.setVariable(processInstance, variable, now);
		for (Job job : this.management.createJobQuery()
			.processInstanceId(processInstance)
			.activityId(timer)
			.timers()
			.list()) {
			this.management.setJobDuedate(job.getId(), now);
		}
		for (Task task : this.tasks.createTaskQuery().processInstanceId(processInstance).list()) {
			boolean changed = false;
			if (sameSecond(task.getDueDate(), old)) {
				task.setDueDate(now);
				changed = true;
			}
			if (sameSecond(task.getFollowUpDate(), old)) {
				task.setFollowUpDate(now);
				changed = true;
			}
			if (changed) {
				this.tasks.saveTask(task);
			}
		}
	}

	/** The record keeps what its database keeps; the engine has milliseconds. */
	private static boolean sameSecond(Date a, Date b) {
		return a != null && Objects.equals(a.getTime() / 1000, b.getTime() / 1000);
	}

	/** The server moves its own timers, whoever ended the hold. */
	private void withoutAuthorization(Runnable work) {
		this.server.run(work);
	}

}

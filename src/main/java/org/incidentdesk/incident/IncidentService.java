package org.incidentdesk.incident;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.incidentdesk.incident.Activity.Visibility;
import org.incidentdesk.incident.process.IncidentProcess.Element;
import org.incidentdesk.incident.process.IncidentProcess.Message;
import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.incidentdesk.incident.process.IncidentProcess;
import org.incidentdesk.incident.process.IntakeClassification;
import org.incidentdesk.system.ConflictRetry;
import org.incidentdesk.system.CurrentActor;
import org.incidentdesk.system.CurrentUser;
import org.incidentdesk.system.EngineAsServer;
import org.incidentdesk.system.TenantVariants;
import org.incidentdesk.tenancy.AccessPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

/**
 * What callers and clients do with incidents. The record and its process move together:
 * each method runs in one transaction that covers both, so neither exists or changes
 * without the other. A transaction that the database ends because of a concurrent one is
 * run again ({@link ConflictRetry}); inside a caller's transaction, the caller retries.
 */
@Service
public class IncidentService {

	private static final Logger logger = LoggerFactory.getLogger(IncidentService.class);

	private final IncidentIntake intake;

	private final IncidentRecords records;

	private final RuntimeService runtime;

	private final TaskService tasks;

	private final ApplicationEventPublisher events;

	private final ConflictRetry retry;

	private final CurrentActor actor;

	private final RepositoryService repository;

	private final EngineAsServer server;

	private final IntakeClassification classification;

	IncidentService(IncidentIntake intake, IncidentRecords records, RuntimeService runtime, TaskService tasks,
			ApplicationEventPublisher events, ConflictRetry retry, CurrentActor actor, RepositoryService repository,
			EngineAsServer server, IntakeClassification classification) {
		this.classification = classification;
		this.server = server;
		this.repository = repository;
		this.retry = retry;
		this.actor = actor;
		this.intake = intake;
		this.records = records;
		this.runtime = runtime;
		this.tasks = tasks;
		this.events = events;
	}

	/**
	 * Opens an incident: the record and its process start together, or not at all. The
	 * timeline names the signed-in user (or the engine) as its reporter. The process's
	 * classification runs in this request while the node takes few reports at once, else
	 * a moment later in the job executor ({@link IntakeClassification}); the answer is
	 * the record as it is then. Once the report is committed, no failure of what follows
	 * (the classification, reading the record back) turns the answer into an error.
	 */
	public Incident report(ReportIncident report) {
		Reported reported = this.classification
			.take(inRequest -> this.retry.inTransaction(() -> reportOnce(report, inRequest)), Reported::claimedJob);
		try {
			return this.records.get(reported.number());
		}
		catch (DataAccessException ex) {
			// The report is committed: answer with it as stored rather than with an error
			// that says nothing was changed, which would make the client report it again.
			logger.warn("Incident {} was stored but could not be read back: {}", reported.number(), ex.getMessage());
			return reported.stored();
		}
	}

	/**
	 * Opens an incident as {@link #report(ReportIncident)} does, reported by the acting
	 * user whoever is signed in (a caller whose mail was read from the mailbox).
	 * @param actingUserId who reports, named in the timeline
	 */
	public Incident report(ReportIncident report, String actingUserId) {
		return this.actor.actingAs(actingUserId, () -> report(report));
	}

	private Reported reportOnce(ReportIncident report, boolean classifyInRequest) {
		NewIncident checked = this.intake.check(report);
		Incident incident = this.records.create(checked);
		// "Classify incident" sets the summary, description and category from the record
		// for the tasks' forms; set here too, they would add three inserts each to the
		// report's own transaction.
		ProcessInstance process = this.runtime.createProcessInstanceById(processFor(incident.tenantId()))
			.businessKey(incident.number())
			.setVariables(Variables.putValue(Var.INCIDENT_NUMBER, incident.number())
				.putValue(Var.TENANT_ID, incident.tenantId())
				.putValue(Var.CALLER_ID, incident.callerId())
				.putValue(Var.CHANNEL, incident.channel().name()))
			.execute();
		String claimedJob = classifyInRequest ? this.classification.claimWithin(process.getId()) : null;
		return new Reported(incident, claimedJob);
	}

	/** A stored report, and its classification job if this request claimed it. */
	private record Reported(Incident stored, String claimedJob) {

		String number() {
			return this.stored.number();
		}

	}

	/**
	 * An incident reported during a burst may still wait for its classification (and so
	 * for its triage task and SLA timers) in the job executor: what needs those runs it
	 * first, or waits while another thread does.
	 */
	private void settleClassification(String number) {
		this.records.find(number).ifPresent(incident -> this.classification.settle(incident.processInstanceId()));
	}

	/**
	 * The newest version of the incident process for the customer organisation: its own
	 * variant if a process owner deployed one for it ({@code tenant-id}), else the shared
	 * one. Incidents that are running stay on the version they started with.
	 */
	private String processFor(String tenantId) {
		List<ProcessDefinition> latest = this.repository.createProcessDefinitionQuery()
			.processDefinitionKey(IncidentProcess.PROCESS_ID)
			.tenantIdIn(tenantId)
			.includeProcessDefinitionsWithoutTenantId()
			.latestVersion()
			.list();
		return TenantVariants.newestFor(tenantId, latest)
			.orElseThrow(() -> new IllegalStateException("The incident process is not deployed."))
			.getId();
	}

	/**
	 * Adds a comment (visible to the caller) or a work note (internal). A comment from
	 * the caller on an incident that waits for the caller's answer resumes it; a comment
	 * from anybody else is mailed to the caller.
	 * @param authorId who writes it, named in the timeline
	 */
	public void comment(String number, String authorId, String body, Visibility visibility) {
		this.actor.actingAs(authorId,
				() -> this.retry.inTransaction(() -> commentOnce(number, authorId, body, visibility)));
	}

	private void commentOnce(String number, String authorId, String body, Visibility visibility) {
		Incident incident = this.records.get(number);
		if (!incident.state().isOpen() && incident.state() != IncidentState.RESOLVED) {
			throw new IllegalIncidentStateException("Incident " + number + " is "
					+ incident.state().name().toLowerCase() + "; it takes no more comments.");
		}
		this.records.addEntry(number, (visibility == Visibility.PUBLIC) ? ActivityKind.COMMENT : ActivityKind.WORK_NOTE,
				visibility, body);
		if (visibility == Visibility.PUBLIC && !authorId.equals(incident.callerId())) {
			this.events.publishEvent(new IncidentEvents.PublicUpdateAdded(number, body));
		}
		if (visibility == Visibility.PUBLIC && authorId.equals(incident.callerId())
				&& incident.holdReason() == HoldReason.AWAITING_CALLER) {
			if (waitsForCallerReply(incident)) {
				this.runtime.createMessageCorrelation(Message.CALLER_REPLIED)
					.processInstanceBusinessKey(number)
					.setVariable(Var.CALLER_REPLIED, true)
					.correlateWithResult();
			}
			else if (resumeOnHoldTask(incident)) {
				this.records.addEntry(number, ActivityKind.WORK_NOTE, Visibility.INTERNAL,
						"The caller replied; the hold ends.");
			}
			else {
				// Put on hold through the API, not by the process: only the record waits.
				this.records.moveTo(number, IncidentState.IN_PROGRESS, null);
				this.records.addEntry(number, ActivityKind.WORK_NOTE, Visibility.INTERNAL,
						"The caller replied; the incident is back in progress.");
			}
		}
	}

	/**
	 * Puts a new or in-progress incident on hold. Only the record changes: the process
	 * goes on where it is, and a caller's comment or {@link #resume} ends the hold.
	 */
	public void hold(String number, HoldReason reason, String comment) {
		this.retry.inTransaction(() -> holdOnce(number, reason, comment));
	}

	private void holdOnce(String number, HoldReason reason, String comment) {
		Incident incident = this.records.get(number);
		if (incident.state() != IncidentState.NEW && incident.state() != IncidentState.IN_PROGRESS) {
			throw new IllegalIncidentStateException("Incident " + number + " is " + describe(incident.state())
					+ "; only a new or in-progress incident can be put on hold.");
		}
		this.records.moveTo(number, IncidentState.ON_HOLD, reason);
		String update = "On hold, " + describe(reason) + "."
				+ ((comment != null && !comment.isBlank()) ? " " + comment : "");
		this.records.addEntry(number, ActivityKind.COMMENT, Visibility.PUBLIC, update);
		this.events.publishEvent(new IncidentEvents.PublicUpdateAdded(number, update));
	}

	/** Takes an incident off hold, back to in progress. */
	public void resume(String number) {
		this.retry.inTransaction(() -> resumeOnce(number));
	}

	private void resumeOnce(String number) {
		Incident incident = this.records.get(number);
		if (incident.state() != IncidentState.ON_HOLD) {
			throw new IllegalIncidentStateException("Incident " + number + " is " + describe(incident.state())
					+ "; only an incident on hold can be resumed.");
		}
		if (waitsForCallerReply(incident)) {
			throw new IllegalIncidentStateException("Incident " + number
					+ " waits in its process for the caller's reply; it resumes when the caller comments or the"
					+ " reply time runs out.");
		}
		if (!resumeOnHoldTask(incident)) {
			backInProgress(incident);
		}
	}

	/**
	 * Puts the incident on hold in the caller's transaction: the process's "Put incident
	 * on hold", when a team chose it in Tasklist.
	 */
	public void holdWithin(String number, HoldReason reason, String comment) {
		holdOnce(number, reason, comment);
	}

	/**
	 * Takes the incident off hold in the caller's transaction, unless it is no longer on
	 * hold (a caller's reply ended it): the process's "Take incident off hold".
	 */
	public void resumeWithin(String number) {
		Incident incident = this.records.get(number);
		if (incident.state() == IncidentState.ON_HOLD) {
			backInProgress(incident);
		}
	}

	private void backInProgress(Incident incident) {
		String number = incident.number();
		this.records.moveTo(number, IncidentState.IN_PROGRESS, null);
		String update = "Back in progress; no longer " + describe(incident.holdReason()) + ".";
		this.records.addEntry(number, ActivityKind.COMMENT, Visibility.PUBLIC, update);
		this.events.publishEvent(new IncidentEvents.PublicUpdateAdded(number, update));
	}

	/**
	 * A hold a team put on in Tasklist waits in the task "Incident on hold": resuming it,
	 * through the API or by the caller's reply, completes that task, and the process
	 * takes the incident off hold and back to the team's work.
	 * @return whether the incident waited there
	 */
	private boolean resumeOnHoldTask(Incident incident) {
		if (incident.processInstanceId() == null) {
			return false;
		}
		return this.server.call(() -> {
			Task onHold = this.tasks.createTaskQuery()
				.processInstanceId(incident.processInstanceId())
				.taskDefinitionKey(Element.TASK_INCIDENT_ON_HOLD)
				.singleResult();
			if (onHold == null) {
				return false;
			}
			this.tasks.complete(onHold.getId(), Map.of(Var.ON_HOLD_DECISION, "RESUME"));
			return true;
		});
	}

	/**
	 * Whether the incident's process waits at its message event for the caller's reply.
	 */
	private boolean waitsForCallerReply(Incident incident) {
		return incident.processInstanceId() != null && this.runtime.createEventSubscriptionQuery()
			.processInstanceId(incident.processInstanceId())
			.eventType("message")
			.eventName(Message.CALLER_REPLIED)
			.count() > 0;
	}

	private static String describe(IncidentState state) {
		return state.name().toLowerCase().replace('_', ' ');
	}

	private static String describe(HoldReason reason) {
		if (reason == null) {
			return "on hold";
		}
		return switch (reason) {
			case AWAITING_CALLER -> "waiting for the caller";
			case AWAITING_VENDOR -> "waiting for the vendor";
			case AWAITING_CHANGE -> "waiting for a change";
		};
	}

	/**
	 * The caller confirms or rejects the resolution; nobody else may.
	 * @param actingUserId who answers: the incident's caller
	 */
	public void answerResolution(String number, String actingUserId, boolean accepted, String rejectionReason) {
		this.actor.actingAs(actingUserId, () -> this.retry
			.inTransaction(() -> answerResolutionOnce(number, actingUserId, accepted, rejectionReason)));
	}

	private void answerResolutionOnce(String number, String actingUserId, boolean accepted, String rejectionReason) {
		Incident incident = this.records.get(number);
		requireCaller(incident, actingUserId, "confirm or reject its resolution");
		Task confirmation = this.tasks.createTaskQuery()
			.processInstanceBusinessKey(number)
			.taskDefinitionKey(Element.TASK_CONFIRM_RESOLUTION)
			.singleResult();
		if (incident.state() != IncidentState.RESOLVED || confirmation == null) {
			throw new IllegalIncidentStateException(
					"Incident " + number + " is not waiting for a confirmation of its resolution.");
		}
		this.tasks.complete(confirmation.getId(),
				Variables.putValue(Var.RESOLUTION_ACCEPTED, accepted).putValue(Var.REJECTION_REASON, rejectionReason));
	}

	/**
	 * Staff resolve the incident through the API, as they would in Tasklist: the task of
	 * the group working on it is completed with a resolution, checked like any other task
	 * outcome.
	 */
	public void resolve(String number, CurrentUser user, String resolutionCode, String resolutionNotes) {
		settleClassification(number);
		this.actor.actingAs(user.id(),
				() -> this.retry.inTransaction(() -> resolveOnce(number, user, resolutionCode, resolutionNotes)));
	}

	private void resolveOnce(String number, CurrentUser user, String resolutionCode, String resolutionNotes) {
		Incident incident = this.records.get(number);
		Task work = this.tasks.createTaskQuery()
			.processInstanceBusinessKey(number)
			.taskDefinitionKeyIn(Element.WORK_TASKS.toArray(String[]::new))
			.singleResult();
		if (work == null && incident.priority() == null && incident.state().isOpen()) {
			throw new IllegalIncidentStateException("Incident " + number
					+ " is not classified yet, so it cannot be resolved: its classification failed, or is still running."
					+ " Cockpit shows a failure on its process instance; resolve it once it is classified.");
		}
		if (work == null) {
			throw new IllegalIncidentStateException(
					"Incident " + number + " is " + incident.state().name().toLowerCase().replace('_', ' ')
							+ " and no team is working on it, so there is nothing to resolve.");
		}
		boolean mayWork = user.id().equals(work.getAssignee()) || AccessPolicy.isAdministrator(user)
				|| this.tasks.getIdentityLinksForTask(work.getId())
					.stream()
					.anyMatch(link -> link.getGroupId() != null && user.isMemberOf(link.getGroupId()));
		if (!mayWork) {
			throw new ActionNotAllowedException("Incident " + number + " is with " + incident.assignmentGroup()
					+ "; only that group can resolve it.");
		}
		String decision = switch (work.getTaskDefinitionKey()) {
			case Element.TASK_TRIAGE_INCIDENT -> Var.TRIAGE_DECISION;
			case Element.TASK_WORK_ON_SITE -> Var.ON_SITE_DECISION;
			default -> Var.SUPPORT_DECISION;
		};
		this.tasks.complete(work.getId(),
				Variables.putValue(decision, "RESOLVE")
					.putValue(Var.RESOLUTION_CODE, resolutionCode)
					.putValue(Var.RESOLUTION_NOTES, resolutionNotes));
	}

	/**
	 * The caller no longer needs help; nobody else may withdraw the incident.
	 * @param actingUserId who withdraws: the incident's caller
	 */
	public void withdraw(String number, String actingUserId, String reason) {
		settleClassification(number);
		this.actor.actingAs(actingUserId,
				() -> this.retry.inTransaction(() -> withdrawOnce(number, actingUserId, reason)));
	}

	private void withdrawOnce(String number, String actingUserId, String reason) {
		Incident incident = this.records.get(number);
		requireCaller(incident, actingUserId, "withdraw it");
		if (!incident.state().isOpen()) {
			throw new IllegalIncidentStateException("Incident " + number + " is "
					+ incident.state().name().toLowerCase() + "; only an open incident can be withdrawn.");
		}
		this.runtime.createMessageCorrelation(Message.INCIDENT_WITHDRAWN)
			.processInstanceBusinessKey(number)
			.setVariable(Var.CANCEL_REASON, reason)
			.correlateWithResult();
	}

	/** Confirming, rejecting and withdrawing are the caller's alone, whichever way in. */
	private static void requireCaller(Incident incident, String actingUserId, String what) {
		if (!AccessPolicy.mayConfirm(actingUserId, incident.callerId())) {
			throw new ActionNotAllowedException("Only the caller of " + incident.number() + " can " + what + ".");
		}
	}

}

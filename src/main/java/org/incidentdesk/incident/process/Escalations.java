package org.incidentdesk.incident.process;

import java.util.List;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.incidentdesk.incident.HandoverKind;
import org.incidentdesk.incident.IncidentEvents;
import org.incidentdesk.incident.IncidentRecords;
import org.incidentdesk.incident.process.IncidentProcess.Element;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Functional escalation (work moves between teams) and hierarchical escalation (the
 * incident manager steps in). The service desk owns every incident until closure, so it
 * hears of every hand-over.
 */
@Service
@Transactional
public class Escalations {

	private static final List<String> WORK_TASKS = List.of(Element.TASK_WORK_ON_INCIDENT, Element.TASK_WORK_ON_SITE);

	private final IncidentRecords records;

	private final ApplicationEventPublisher events;

	private final TaskService tasks;

	private final SlaDateKeeper slaDates;

	Escalations(IncidentRecords records, ApplicationEventPublisher events, TaskService tasks, SlaDateKeeper slaDates) {
		this.slaDates = slaDates;
		this.records = records;
		this.events = events;
		this.tasks = tasks;
	}

	public void handOver(String number, String toGroup, HandoverKind kind, String note) {
		this.records.handOver(number, toGroup, kind, note);
		this.events.publishEvent(new IncidentEvents.HandedOver(number, toGroup));
	}

	/**
	 * Whether the incident is being worked on by a team, so that the work can be moved.
	 */
	public boolean hasTeamWork(String processInstanceId) {
		return !activeWork(processInstanceId).isEmpty();
	}

	/** The incident manager moves the work in progress to another team. */
	public void reassign(String number, String processInstanceId, String toGroup) {
		for (Task task : activeWork(processInstanceId)) {
			for (IdentityLink link : this.tasks.getIdentityLinksForTask(task.getId())) {
				if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
					this.tasks.deleteCandidateGroup(task.getId(), link.getGroupId());
				}
			}
			this.tasks.setAssignee(task.getId(), null);
			this.tasks.addCandidateGroup(task.getId(), toGroup);
		}
		handOver(number, toGroup, HandoverKind.REASSIGNMENT, null);
	}

	public void raisePriority(String number, String processInstanceId, String newPriority) {
		String before = this.records.get(number).priority();
		this.records.setPriority(number, newPriority);
		if (!newPriority.equals(before)) {
			this.slaDates.priorityChanged(number, before, newPriority);
		}
		int taskPriority = taskPriority(newPriority);
		// Tasklist sorts by the task priority: the tasks already open move with the
		// incident's priority.
		this.tasks.createTaskQuery()
			.processInstanceId(processInstanceId)
			.list()
			.forEach(task -> this.tasks.setPriority(task.getId(), taskPriority));
	}

	public void declareMajorIncident(String number, String processInstanceId) {
		this.records.declareMajorIncident(number);
		raisePriority(number, processInstanceId, "P1");
		this.events.publishEvent(new IncidentEvents.MajorIncidentDeclared(number));
	}

	public void escalateOverdueResponse(String number) {
		this.records.markResponseSlaBreached(number);
		this.records.recordHierarchicalEscalation(number, "Response SLA missed: escalated to the incident manager.");
		this.events.publishEvent(new IncidentEvents.ResponseOverdue(number));
	}

	public void warnIncidentManager(String number) {
		this.records.recordSlaWarning(number);
		this.events.publishEvent(new IncidentEvents.ResolutionAtRisk(number));
	}

	public void recordResolutionBreach(String number) {
		this.records.markResolutionSlaBreached(number);
		this.records.recordHierarchicalEscalation(number,
				"Resolution SLA breached: the incident manager reviews the incident.");
		this.events.publishEvent(new IncidentEvents.ResolutionOverdue(number));
	}

	public void escalateRepeatedRejection(String number, int rejections) {
		this.records.recordHierarchicalEscalation(number,
				"The caller rejected the resolution " + rejections + " times: escalated to the incident manager.");
		this.events.publishEvent(new IncidentEvents.ResolutionRejectedRepeatedly(number, rejections));
	}

	/** Tasklist sorts by task priority: P1 first. */
	public static int taskPriority(String priority) {
		return switch (priority) {
			case "P1" -> 100;
			case "P2" -> 80;
			case "P3" -> 60;
			case "P4" -> 40;
			default -> 20;
		};
	}

	/** One step up the priority scale, never above P1. */
	public static String raised(String priority) {
		int level = Integer.parseInt(priority.substring(1));
		return "P" + Math.max(1, level - 1);
	}

	private List<Task> activeWork(String processInstanceId) {
		return this.tasks.createTaskQuery()
			.processInstanceId(processInstanceId)
			.taskDefinitionKeyIn(WORK_TASKS.toArray(String[]::new))
			.list();
	}

}

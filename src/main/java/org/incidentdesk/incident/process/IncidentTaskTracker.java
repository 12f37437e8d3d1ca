package org.incidentdesk.incident.process;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.spin.plugin.variable.SpinValues;

import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.incidentdesk.incident.Activity;
import org.incidentdesk.incident.Activity.Visibility;
import org.incidentdesk.incident.ActivityKind;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentRecords;
import org.incidentdesk.incident.process.IncidentProcess.Element;
import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the incident record in step with the work in Tasklist, for every user task of the
 * incident process, including tasks a process owner adds later: the group and person
 * working on it, the first pick-up (which stops the response clock) and the work notes
 * written on completion. It also gives each task the incident's history for its form.
 */
@Component
class IncidentTaskTracker {

	private static final int HISTORY_ENTRIES = 15;

	/**
	 * The task variable a form's team select takes its options from ({@code valuesKey}):
	 * the support and vendor teams that serve the incident's customer organisation, so a
	 * team an administrator adds is offered without editing a form.
	 */
	static final String TEAM_OPTIONS = "teamOptions";

	private final IncidentRecords records;

	private final TaskFormFields forms;

	private final IdentityService identity;

	private final TaskTexts texts;

	IncidentTaskTracker(IncidentRecords records, TaskFormFields forms, IdentityService identity, TaskTexts texts) {
		this.texts = texts;
		this.records = records;
		this.forms = forms;
		this.identity = identity;
	}

	@EventListener
	public void onTaskEvent(DelegateTask task) {
		if (task.getProcessDefinitionId() == null
				|| !task.getProcessDefinitionId().startsWith(IncidentProcess.PROCESS_ID + ":")) {
			return;
		}
		String number = task.getExecution().getProcessBusinessKey();
		switch (task.getEventName()) {
			case TaskListener.EVENTNAME_CREATE -> created(task, number);
			case TaskListener.EVENTNAME_ASSIGNMENT -> assigned(task, number);
			case TaskListener.EVENTNAME_COMPLETE -> completed(task, number);
			default -> {
			}
		}
	}

	private void created(DelegateTask task, String number) {
		Incident incident = this.records.get(number);
		if (incident.priority() != null) {
			task.setPriority(Escalations.taskPriority(incident.priority()));
		}
		// The caller's own task (confirming the resolution) shows what the caller may
		// see; staff tasks show the work notes too.
		task.setVariableLocal(Var.INCIDENT_HISTORY,
				history(number, !Element.TASK_CONFIRM_RESOLUTION.equals(task.getTaskDefinitionKey())));
		if (this.forms.of(task.getId(), task.getProcessDefinitionId(), task.getTaskDefinitionKey())
			.optionLists()
			.contains(TEAM_OPTIONS)) {
			task.setVariableLocal(TEAM_OPTIONS, SpinValues.jsonValue(teamOptions(incident.tenantId())).create());
		}
		if (Element.WORK_TASKS.contains(task.getTaskDefinitionKey())) {
			String group = task.getCandidates()
				.stream()
				.filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
				.map(IdentityLink::getGroupId)
				.filter(id -> id != null)
				.findFirst()
				.orElse(null);
			this.records.assign(number, group, task.getAssignee());
		}
		if (!Element.TASK_CONFIRM_RESOLUTION.equals(task.getTaskDefinitionKey())) {
			this.texts.describe(task, this.records.get(number));
			// Incidents classified before these texts existed get them with their next
			// task.
			if (task.getVariable(Var.PRIORITY_LABEL) == null) {
				this.texts.refresh(task);
			}
			if (task.getVariable(Var.KNOWLEDGE_LINKS) == null) {
				task.setVariable(Var.KNOWLEDGE_LINKS, TaskTexts.knowledgeLinks(this.records.suggestions(number)));
			}
		}
	}

	/** Options of a form-js select: {@code [{"label": ..., "value": ...}]}, by name. */
	private String teamOptions(String tenantId) {
		ArrayNode options = JsonNodeFactory.instance.arrayNode();
		this.identity.createGroupQuery()
			.memberOfTenant(tenantId)
			.orderByGroupName()
			.asc()
			.list()
			.stream()
			.filter(group -> ServingTeams.isSupportTeam(group.getId()))
			.forEach(group -> options.addObject()
				.put("label", (group.getName() != null) ? group.getName() : group.getId())
				.put("value", group.getId()));
		return options.toString();
	}

	private void assigned(DelegateTask task, String number) {
		if (!Element.WORK_TASKS.contains(task.getTaskDefinitionKey()) || task.getAssignee() == null) {
			return;
		}
		Incident incident = this.records.get(number);
		this.records.assign(number, incident.assignmentGroup(), task.getAssignee());
		markResponded(task, number);
	}

	private void completed(DelegateTask task, String number) {
		if (Element.WORK_TASKS.contains(task.getTaskDefinitionKey())) {
			markResponded(task, number);
		}
		Object note = task.getVariable(Var.WORK_NOTE);
		if (note instanceof String text && !text.isBlank()) {
			this.records.addEntry(number, ActivityKind.WORK_NOTE, Visibility.INTERNAL, text);
			task.setVariable(Var.WORK_NOTE, null);
		}
	}

	private void markResponded(DelegateTask task, String number) {
		if (this.records.markResponded(number)) {
			task.getExecution()
				.setVariable(Var.RESPONDED_AT, Date.from(this.records.get(number).respondedAt().toInstant()));
			// the SLA due on the list cards is now the resolution's
			this.texts.refresh(task.getExecution());
		}
	}

	private String history(String number, boolean includeInternal) {
		List<Activity> timeline = this.records.timeline(number, includeInternal);
		return timeline.stream()
			.skip(Math.max(0, timeline.size() - HISTORY_ENTRIES))
			.map(IncidentTaskTracker::line)
			.collect(Collectors.joining("\n"));
	}

	private static String line(Activity activity) {
		String what = (activity.body() != null) ? activity.body() : activity.field() + ": "
				+ ((activity.oldValue() != null) ? activity.oldValue() + " -> " : "") + activity.newValue();
		return activity.createdAt().toLocalDateTime().withNano(0) + " " + activity.author() + " ["
				+ activity.kind().name().toLowerCase() + "] " + what;
	}

}

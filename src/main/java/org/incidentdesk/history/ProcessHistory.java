package org.incidentdesk.history;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.history.HistoricIncident;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.incidentdesk.history.HistoryEntry.Source;
import org.springframework.stereotype.Component;

/**
 * What Camunda's history (level full) knows about one process instance: its activities,
 * what users did to it (user operation log), who was assigned or made a candidate
 * (identity link log), failed jobs and incidents. Everything through the public
 * {@link HistoryService} API.
 */
@Component
class ProcessHistory {

	private static final String TIMER = "timer";

	private final HistoryService history;

	ProcessHistory(HistoryService history) {
		this.history = history;
	}

	/** The entries of the process instance, each kind in the order it happened. */
	List<HistoryEntry> of(String processInstanceId) {
		List<HistoryEntry> entries = new ArrayList<>();
		HistoricProcessInstance instance = this.history.createHistoricProcessInstanceQuery()
			.processInstanceId(processInstanceId)
			.singleResult();
		if (instance == null) {
			return entries;
		}
		// in creation order, so that links of one instant keep the order of their tasks
		Map<String, String> taskNames = new LinkedHashMap<>();
		for (HistoricTaskInstance task : this.history.createHistoricTaskInstanceQuery()
			.processInstanceId(processInstanceId)
			.orderByHistoricActivityInstanceStartTime()
			.asc()
			.list()) {
			taskNames.put(task.getId(), task.getName());
		}
		entries.add(started(instance));
		activities(processInstanceId, entries);
		userOperations(processInstanceId, taskNames, entries);
		identityLinks(taskNames, entries);
		jobFailures(processInstanceId, entries);
		incidents(processInstanceId, entries);
		ended(instance, entries);
		return entries;
	}

	private static HistoryEntry started(HistoricProcessInstance instance) {
		return entry(instance.getStartTime(), "PROCESS_STARTED", instance.getStartUserId(),
				"Process " + instance.getProcessDefinitionKey() + " (version " + instance.getProcessDefinitionVersion()
						+ ") started.",
				null, null, null);
	}

	/**
	 * Added last, so that it follows the steps that ended the process at the same
	 * instant.
	 */
	private static void ended(HistoricProcessInstance instance, List<HistoryEntry> entries) {
		if (instance.getEndTime() != null) {
			String reason = (instance.getDeleteReason() != null) ? " Reason: " + instance.getDeleteReason() + "." : "";
			entries.add(entry(instance.getEndTime(), "PROCESS_ENDED", null,
					"Process ended in state " + instance.getState() + "." + reason, null, null, null));
		}
	}

	private void activities(String processInstanceId, List<HistoryEntry> entries) {
		List<HistoricActivityInstance> activities = this.history.createHistoricActivityInstanceQuery()
			.processInstanceId(processInstanceId)
			.orderPartiallyByOccurrence()
			.asc()
			.list();
		for (HistoricActivityInstance activity : activities) {
			String type = activity.getActivityType();
			String name = describe(activity);
			if (type.toLowerCase(Locale.ROOT).contains(TIMER)) {
				entries.add(entry(activity.getStartTime(), "TIMER_FIRED", null, "Timer fired: " + name + ".", null,
						null, null));
			}
			else if (isInstantaneous(type)) {
				entries.add(entry(activity.getStartTime(), "EVENT", null, "Passed " + name + ".", null, null, null));
			}
			else {
				entries.add(entry(activity.getStartTime(), "ACTIVITY_STARTED", null, "Started " + name + ".", null,
						null, null));
				if (activity.getEndTime() != null) {
					entries.add(entry(activity.getEndTime(),
							activity.isCanceled() ? "ACTIVITY_CANCELLED" : "ACTIVITY_ENDED", activity.getAssignee(),
							(activity.isCanceled() ? "Cancelled " : "Ended ") + name + ".", null, null, null));
				}
			}
		}
	}

	/** Events and gateways happen at one moment; tasks and subprocesses take time. */
	private static boolean isInstantaneous(String type) {
		return type.contains("Event") || type.contains("Gateway") || type.startsWith("boundary")
				|| type.startsWith("intermediate");
	}

	private static String describe(HistoricActivityInstance activity) {
		String name = (activity.getActivityName() != null) ? "'" + activity.getActivityName() + "' " : "";
		return name + "(" + activity.getActivityType() + " " + activity.getActivityId() + ")";
	}

	private void userOperations(String processInstanceId, Map<String, String> taskNames, List<HistoryEntry> entries) {
		List<UserOperationLogEntry> operations = this.history.createUserOperationLogQuery()
			.processInstanceId(processInstanceId)
			.orderByTimestamp()
			.asc()
			.list();
		for (UserOperationLogEntry operation : operations) {
			String target = (operation.getTaskId() != null) ? "task " + taskName(taskNames, operation.getTaskId())
					: operation.getEntityType();
			// Completing a task logs the property "delete"; it says nothing a
			// person needs.
			String property = (operation.getProperty() != null && !"delete".equals(operation.getProperty())) ? " ("
					+ operation.getProperty() + ": " + operation.getOrgValue() + " -> " + operation.getNewValue() + ")"
					: "";
			entries.add(entry(operation.getTimestamp(), "USER_OPERATION_" + constantCase(operation.getOperationType()),
					operation.getUserId(), operation.getOperationType() + " " + target + property + ".",
					operation.getProperty(), operation.getOrgValue(), operation.getNewValue()));
		}
	}

	/**
	 * Camunda's identity link log query has no process instance filter, so this asks per
	 * task of the instance; that covers assignees and candidate users and groups, which
	 * all live on tasks.
	 */
	private void identityLinks(Map<String, String> taskNames, List<HistoryEntry> entries) {
		List<HistoricIdentityLinkLog> links = new ArrayList<>();
		for (String taskId : taskNames.keySet()) {
			links.addAll(this.history.createHistoricIdentityLinkLogQuery().taskId(taskId).list());
		}
		links.sort(Comparator.comparing(HistoricIdentityLinkLog::getTime));
		for (HistoricIdentityLinkLog link : links) {
			boolean added = "add".equalsIgnoreCase(link.getOperationType());
			String who = (link.getGroupId() != null) ? "group " + link.getGroupId() : "user " + link.getUserId();
			String value = (link.getGroupId() != null) ? link.getGroupId() : link.getUserId();
			String on = (link.getTaskId() != null) ? " of task " + taskName(taskNames, link.getTaskId()) : "";
			entries.add(entry(link.getTime(), "IDENTITY_LINK_" + (added ? "ADDED" : "DELETED"), link.getAssignerId(),
					(added ? "Added " : "Removed ") + who + " as " + link.getType() + on + ".", link.getType(),
					added ? null : value, added ? value : null));
		}
	}

	private void jobFailures(String processInstanceId, List<HistoryEntry> entries) {
		List<HistoricJobLog> failures = this.history.createHistoricJobLogQuery()
			.processInstanceId(processInstanceId)
			.failureLog()
			.orderByTimestamp()
			.asc()
			.list();
		for (HistoricJobLog failure : failures) {
			entries.add(entry(failure.getTimestamp(), "JOB_FAILED", null,
					"Job " + failure.getJobDefinitionType() + " at " + failure.getActivityId() + " failed ("
							+ failure.getJobRetries() + " retries left): " + failure.getJobExceptionMessage(),
					null, null, null));
		}
	}

	private void incidents(String processInstanceId, List<HistoryEntry> entries) {
		for (HistoricIncident incident : this.history.createHistoricIncidentQuery()
			.processInstanceId(processInstanceId)
			.list()) {
			entries.add(entry(incident.getCreateTime(), "PROCESS_INCIDENT_OPENED", null,
					"Process incident " + incident.getIncidentType() + " at " + incident.getActivityId() + ": "
							+ incident.getIncidentMessage(),
					null, null, null));
			if (incident.getEndTime() != null) {
				entries.add(entry(incident.getEndTime(),
						incident.isDeleted() ? "PROCESS_INCIDENT_DELETED" : "PROCESS_INCIDENT_RESOLVED", null,
						"Process incident " + incident.getIncidentType() + " at " + incident.getActivityId()
								+ (incident.isDeleted() ? " deleted." : " resolved."),
						null, null, null));
			}
		}
	}

	/** SetVariable becomes SET_VARIABLE, like the record's kinds. */
	private static String constantCase(String camelCase) {
		return camelCase.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
	}

	private static String taskName(Map<String, String> taskNames, String taskId) {
		String name = taskNames.get(taskId);
		return (name != null) ? "'" + name + "'" : taskId;
	}

	private static HistoryEntry entry(Date at, String kind, String actor, String description, String field,
			String oldValue, String newValue) {
		return new HistoryEntry(utc(at), Source.PROCESS, kind, actor, description, field, oldValue, newValue, null);
	}

	private static OffsetDateTime utc(Date date) {
		return date.toInstant().atOffset(ZoneOffset.UTC);
	}

}

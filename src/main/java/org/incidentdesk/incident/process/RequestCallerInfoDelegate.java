package org.incidentdesk.incident.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.incidentdesk.incident.Activity.Visibility;
import org.incidentdesk.incident.ActivityKind;
import org.incidentdesk.incident.HoldReason;
import org.incidentdesk.incident.IncidentRecords;
import org.incidentdesk.incident.IncidentState;
import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.incidentdesk.notification.NotificationKind;
import org.incidentdesk.notification.Notifications;
import org.springframework.stereotype.Component;

/**
 * Puts the incident on hold, asks the caller the service desk's question and tells them.
 */
@Component
class RequestCallerInfoDelegate implements JavaDelegate {

	private final IncidentRecords records;

	private final Notifications notifications;

	RequestCallerInfoDelegate(IncidentRecords records, Notifications notifications) {
		this.records = records;
		this.notifications = notifications;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String number = execution.getProcessBusinessKey();
		if (this.records.get(number).state() == IncidentState.ON_HOLD) {
			// On hold for another reason (set through the API): it now waits for the
			// caller instead.
			this.records.moveTo(number, IncidentState.IN_PROGRESS, null);
		}
		this.records.moveTo(number, IncidentState.ON_HOLD, HoldReason.AWAITING_CALLER);
		this.records.addEntry(number, ActivityKind.COMMENT, Visibility.PUBLIC,
				(String) execution.getVariable(Var.CALLER_QUESTION));
		this.notifications.notifyUser(this.records.get(number), NotificationKind.INFORMATION_REQUESTED,
				(String) execution.getVariable(Var.CALLER_ID), (String) execution.getVariable(Var.CALLER_QUESTION));
		execution.setVariable(Var.CALLER_REPLIED, false);
	}

}

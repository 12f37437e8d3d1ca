package org.incidentdesk.incident.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.incidentdesk.incident.IncidentRecords;
import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.incidentdesk.notification.NotificationKind;
import org.incidentdesk.notification.Notifications;
import org.springframework.stereotype.Component;

/**
 * Cancels the incident: the caller withdrew it, or the service desk found it a duplicate.
 */
@Component
class CancelIncidentDelegate implements JavaDelegate {

	private final IncidentRecords records;

	private final Notifications notifications;

	CancelIncidentDelegate(IncidentRecords records, Notifications notifications) {
		this.records = records;
		this.notifications = notifications;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String number = execution.getProcessBusinessKey();
		boolean duplicate = "DUPLICATE".equals(execution.getVariable(Var.TRIAGE_DECISION));
		this.records.cancel(number, (String) execution.getVariable(Var.CANCEL_REASON),
				duplicate ? (String) execution.getVariable(Var.DUPLICATE_OF) : null);
		this.notifications.notifyUser(this.records.get(number), NotificationKind.CANCELLED,
				(String) execution.getVariable(Var.CALLER_ID));
	}

}

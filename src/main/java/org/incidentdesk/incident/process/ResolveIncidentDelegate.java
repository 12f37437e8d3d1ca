package org.incidentdesk.incident.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.incidentdesk.incident.IncidentRecords;
import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.incidentdesk.notification.NotificationKind;
import org.incidentdesk.notification.Notifications;
import org.springframework.stereotype.Component;

/** Records the resolution and asks the caller to confirm it. */
@Component
class ResolveIncidentDelegate implements JavaDelegate {

	private final IncidentRecords records;

	private final Notifications notifications;

	ResolveIncidentDelegate(IncidentRecords records, Notifications notifications) {
		this.records = records;
		this.notifications = notifications;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String number = execution.getProcessBusinessKey();
		this.records.resolve(number, (String) execution.getVariable(Var.RESOLUTION_CODE),
				(String) execution.getVariable(Var.RESOLUTION_NOTES));
		this.notifications.notifyUser(this.records.get(number), NotificationKind.RESOLVED,
				(String) execution.getVariable(Var.CALLER_ID));
		execution.removeVariable(Var.RESOLUTION_ACCEPTED);
	}

}

package org.incidentdesk.incident.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentRecords;
import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.incidentdesk.notification.NotificationKind;
import org.incidentdesk.notification.Notifications;
import org.springframework.stereotype.Component;

/**
 * Closes the incident, confirmed by the caller or closed after the caller stayed silent,
 * and stores its figures.
 */
@Component
class CloseIncidentDelegate implements JavaDelegate {

	static final String CONFIRMED = "CONFIRMED_BY_CALLER";

	static final String AUTO_CLOSED = "AUTO_CLOSED";

	private final IncidentRecords records;

	private final Notifications notifications;

	CloseIncidentDelegate(IncidentRecords records, Notifications notifications) {
		this.records = records;
		this.notifications = notifications;
	}

	@Override
	public void execute(DelegateExecution execution) {
		boolean confirmed = Boolean.TRUE.equals(execution.getVariable(Var.RESOLUTION_ACCEPTED));
		Incident closed = this.records.close(execution.getProcessBusinessKey(), confirmed ? CONFIRMED : AUTO_CLOSED);
		this.notifications.notifyUser(closed, NotificationKind.CLOSED, closed.callerId());
	}

}

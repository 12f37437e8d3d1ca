package org.incidentdesk.incident.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.incidentdesk.incident.IncidentEvents;
import org.incidentdesk.incident.IncidentRecords;
import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The caller rejected the resolution: the incident goes back to the service desk, and the
 * caller is told so (with the reason they gave), whichever way they rejected it.
 */
@Component
class ReopenIncidentDelegate implements JavaDelegate {

	private final IncidentRecords records;

	private final ApplicationEventPublisher events;

	ReopenIncidentDelegate(IncidentRecords records, ApplicationEventPublisher events) {
		this.records = records;
		this.events = events;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String number = execution.getProcessBusinessKey();
		String reason = (String) execution.getVariable(Var.REJECTION_REASON);
		int reopens = this.records.reopen(number, reason);
		execution.setVariable(Var.REOPEN_COUNT, reopens);
		this.events.publishEvent(new IncidentEvents.Reopened(number, reason));
	}

}

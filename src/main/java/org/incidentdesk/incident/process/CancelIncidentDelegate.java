package org.incidentdesk.incident.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.incidentdesk.incident.IncidentEvents;
import org.incidentdesk.incident.IncidentRecords;
import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Cancels the incident: the caller withdrew it, or the service desk found it a duplicate.
 */
@Component
class CancelIncidentDelegate implements JavaDelegate {

	private final IncidentRecords records;

	private final ApplicationEventPublisher events;

	CancelIncidentDelegate(IncidentRecords records, ApplicationEventPublisher events) {
		this.records = records;
		this.events = events;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String number = execution.getProcessBusinessKey();
		boolean duplicate = "DUPLICATE".equals(execution.getVariable(Var.TRIAGE_DECISION));
		this.records.cancel(number, (String) execution.getVariable(Var.CANCEL_REASON),
				duplicate ? (String) execution.getVariable(Var.DUPLICATE_OF) : null);
		this.events.publishEvent(new IncidentEvents.Cancelled(number));
	}

}

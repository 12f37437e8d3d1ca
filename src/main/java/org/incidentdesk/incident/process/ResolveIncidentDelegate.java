package org.incidentdesk.incident.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.incidentdesk.incident.IncidentEvents;
import org.incidentdesk.incident.IncidentRecords;
import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Records the resolution and asks the caller to confirm it. */
@Component
class ResolveIncidentDelegate implements JavaDelegate {

	private final IncidentRecords records;

	private final ApplicationEventPublisher events;

	ResolveIncidentDelegate(IncidentRecords records, ApplicationEventPublisher events) {
		this.records = records;
		this.events = events;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String number = execution.getProcessBusinessKey();
		this.records.resolve(number, (String) execution.getVariable(Var.RESOLUTION_CODE),
				(String) execution.getVariable(Var.RESOLUTION_NOTES));
		this.events.publishEvent(new IncidentEvents.Resolved(number));
		execution.removeVariable(Var.RESOLUTION_ACCEPTED);
	}

}

package org.incidentdesk.incident.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.incidentdesk.incident.Activity.Visibility;
import org.incidentdesk.incident.ActivityKind;
import org.incidentdesk.incident.HoldReason;
import org.incidentdesk.incident.IncidentEvents;
import org.incidentdesk.incident.IncidentRecords;
import org.incidentdesk.incident.IncidentState;
import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Puts the incident on hold, asks the caller the service desk's question and tells them.
 */
@Component
class RequestCallerInfoDelegate implements JavaDelegate {

	private final IncidentRecords records;

	private final ApplicationEventPublisher events;

	RequestCallerInfoDelegate(IncidentRecords records, ApplicationEventPublisher events) {
		this.records = records;
		this.events = events;
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
		this.events.publishEvent(new IncidentEvents.CallerInformationRequested(number,
				(String) execution.getVariable(Var.CALLER_QUESTION)));
		execution.setVariable(Var.CALLER_REPLIED, false);
	}

}

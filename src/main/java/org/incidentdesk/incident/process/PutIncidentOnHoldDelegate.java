package org.incidentdesk.incident.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.incidentdesk.incident.HoldReason;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.springframework.stereotype.Component;

/**
 * Puts the incident on hold for the reason the team chose in Tasklist, as the API's hold
 * does, and tells the caller.
 */
@Component
class PutIncidentOnHoldDelegate implements JavaDelegate {

	private final IncidentService incidents;

	PutIncidentOnHoldDelegate(IncidentService incidents) {
		this.incidents = incidents;
	}

	@Override
	public void execute(DelegateExecution execution) {
		this.incidents.holdWithin(execution.getProcessBusinessKey(),
				HoldReason.valueOf((String) execution.getVariable(Var.HOLD_REASON)),
				(String) execution.getVariable(Var.HOLD_COMMENT));
		// Consumed: a later hold states its own message.
		execution.setVariable(Var.HOLD_COMMENT, null);
	}

}

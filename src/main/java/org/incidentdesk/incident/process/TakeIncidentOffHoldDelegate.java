package org.incidentdesk.incident.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.springframework.stereotype.Component;

/**
 * Takes the incident off hold when the team resumes it in Tasklist (or the API or the
 * caller's reply ended the hold), back in progress.
 */
@Component
class TakeIncidentOffHoldDelegate implements JavaDelegate {

	private final IncidentService incidents;

	TakeIncidentOffHoldDelegate(IncidentService incidents) {
		this.incidents = incidents;
	}

	@Override
	public void execute(DelegateExecution execution) {
		this.incidents.resumeWithin(execution.getProcessBusinessKey());
		// Consumed: a later hold states its own reason.
		execution.setVariable(Var.HOLD_REASON, null);
	}

}

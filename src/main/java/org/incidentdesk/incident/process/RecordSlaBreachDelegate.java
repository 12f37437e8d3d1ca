package org.incidentdesk.incident.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.springframework.stereotype.Component;

/**
 * The resolution SLA is breached: recorded, and the incident manager is told to review.
 */
@Component
class RecordSlaBreachDelegate implements JavaDelegate {

	private final Escalations escalations;

	RecordSlaBreachDelegate(Escalations escalations) {
		this.escalations = escalations;
	}

	@Override
	public void execute(DelegateExecution execution) {
		this.escalations.recordResolutionBreach(execution.getProcessBusinessKey());
		execution.setVariable(Var.SLA_BREACHED, true);
	}

}

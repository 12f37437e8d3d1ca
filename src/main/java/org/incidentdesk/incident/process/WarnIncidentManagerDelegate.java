package org.incidentdesk.incident.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.springframework.stereotype.Component;

/**
 * The resolution SLA reached its warning threshold: the incident manager is warned, once.
 */
@Component
class WarnIncidentManagerDelegate implements JavaDelegate {

	private final Escalations escalations;

	WarnIncidentManagerDelegate(Escalations escalations) {
		this.escalations = escalations;
	}

	@Override
	public void execute(DelegateExecution execution) {
		this.escalations.warnIncidentManager(execution.getProcessBusinessKey());
		execution.setVariable(Var.SLA_WARNING_SENT, true);
	}

}

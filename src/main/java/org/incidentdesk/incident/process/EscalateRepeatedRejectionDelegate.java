package org.incidentdesk.incident.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.springframework.stereotype.Component;

/** The caller rejected the resolution again: the incident manager is told. */
@Component
class EscalateRepeatedRejectionDelegate implements JavaDelegate {

	private final Escalations escalations;

	EscalateRepeatedRejectionDelegate(Escalations escalations) {
		this.escalations = escalations;
	}

	@Override
	public void execute(DelegateExecution execution) {
		this.escalations.escalateRepeatedRejection(execution.getProcessBusinessKey(),
				(Integer) execution.getVariable(Var.REOPEN_COUNT));
	}

}

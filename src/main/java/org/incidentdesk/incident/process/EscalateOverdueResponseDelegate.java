package org.incidentdesk.incident.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Nobody picked the incident up in time: the incident manager hears of it. */
@Component
class EscalateOverdueResponseDelegate implements JavaDelegate {

	private final Escalations escalations;

	EscalateOverdueResponseDelegate(Escalations escalations) {
		this.escalations = escalations;
	}

	@Override
	public void execute(DelegateExecution execution) {
		this.escalations.escalateOverdueResponse(execution.getProcessBusinessKey());
	}

}

package org.incidentdesk.incident.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.springframework.stereotype.Component;

/**
 * The incident manager declares a major incident: P1, and service delivery management is
 * told.
 */
@Component
class DeclareMajorIncidentDelegate implements JavaDelegate {

	private final Escalations escalations;

	private final TaskTexts texts;

	DeclareMajorIncidentDelegate(Escalations escalations, TaskTexts texts) {
		this.escalations = escalations;
		this.texts = texts;
	}

	@Override
	public void execute(DelegateExecution execution) {
		this.escalations.declareMajorIncident(execution.getProcessBusinessKey(), execution.getProcessInstanceId());
		execution.setVariable(Var.PRIORITY, "P1");
		this.texts.refresh(execution);
	}

}

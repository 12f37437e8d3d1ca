package org.incidentdesk.incident.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.springframework.stereotype.Component;

/** The incident manager raises the priority by one step. */
@Component
class RaisePriorityDelegate implements JavaDelegate {

	private final Escalations escalations;

	private final TaskTexts texts;

	RaisePriorityDelegate(Escalations escalations, TaskTexts texts) {
		this.escalations = escalations;
		this.texts = texts;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String raised = Escalations.raised((String) execution.getVariable(Var.PRIORITY));
		this.escalations.raisePriority(execution.getProcessBusinessKey(), execution.getProcessInstanceId(), raised);
		execution.setVariable(Var.PRIORITY, raised);
		this.texts.refresh(execution);
	}

}

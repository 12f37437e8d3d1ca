package org.incidentdesk.incident.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.springframework.stereotype.Component;

/** The incident manager moves the work to another team. */
@Component
class ReassignIncidentDelegate implements JavaDelegate {

	private final Escalations escalations;

	ReassignIncidentDelegate(Escalations escalations) {
		this.escalations = escalations;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String group = (String) execution.getVariable(Var.REASSIGN_GROUP);
		this.escalations.reassign(execution.getProcessBusinessKey(), execution.getProcessInstanceId(), group);
		execution.setVariable(Var.ASSIGNED_GROUP, group);
	}

}

package org.incidentdesk.incident.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.incidentdesk.incident.HandoverKind;
import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.springframework.stereotype.Component;

/**
 * Hands the incident to the group chosen at the last decision (checked by
 * {@link TaskOutcomeValidator}), records the hand-over and tells the group and the
 * service desk.
 */
@Component
class HandOverIncidentDelegate implements JavaDelegate {

	private final Escalations escalations;

	HandOverIncidentDelegate(Escalations escalations) {
		this.escalations = escalations;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String group = (String) execution.getVariable(Var.HANDOVER_TO);
		HandoverKind kind = HandoverKind.valueOf((String) execution.getVariable(Var.HANDOVER_KIND));
		this.escalations.handOver(execution.getProcessBusinessKey(), group, kind, null);
		execution.setVariable(Var.ASSIGNED_GROUP, group);
	}

}

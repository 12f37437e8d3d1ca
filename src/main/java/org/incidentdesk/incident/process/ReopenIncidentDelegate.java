package org.incidentdesk.incident.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.incidentdesk.incident.IncidentRecords;
import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.springframework.stereotype.Component;

/** The caller rejected the resolution: the incident goes back to the service desk. */
@Component
class ReopenIncidentDelegate implements JavaDelegate {

	private final IncidentRecords records;

	ReopenIncidentDelegate(IncidentRecords records) {
		this.records = records;
	}

	@Override
	public void execute(DelegateExecution execution) {
		int reopens = this.records.reopen(execution.getProcessBusinessKey(),
				(String) execution.getVariable(Var.REJECTION_REASON));
		execution.setVariable(Var.REOPEN_COUNT, reopens);
	}

}

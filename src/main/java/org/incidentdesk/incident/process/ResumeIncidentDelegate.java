package org.incidentdesk.incident.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.incidentdesk.incident.Activity.Visibility;
import org.incidentdesk.incident.ActivityKind;
import org.incidentdesk.incident.IncidentRecords;
import org.incidentdesk.incident.IncidentState;
import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.incidentdesk.slapolicy.SlaPolicy;
import org.springframework.stereotype.Component;

/** Takes the incident off hold once the caller answered, or did not answer in time. */
@Component
class ResumeIncidentDelegate implements JavaDelegate {

	private final IncidentRecords records;

	private final SlaPolicy slaPolicy;

	ResumeIncidentDelegate(IncidentRecords records, SlaPolicy slaPolicy) {
		this.records = records;
		this.slaPolicy = slaPolicy;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String number = execution.getProcessBusinessKey();
		boolean replied = Boolean.TRUE.equals(execution.getVariable(Var.CALLER_REPLIED));
		if (this.records.get(number).state() == IncidentState.ON_HOLD) {
			this.records.moveTo(number, IncidentState.IN_PROGRESS, null);
		}
		this.records.addEntry(number, ActivityKind.WORK_NOTE, Visibility.INTERNAL,
				replied ? "The caller replied; back to the service desk."
						: "The caller did not reply within "
								+ this.slaPolicy.callerReplyTimeout((String) execution.getVariable(Var.TENANT_ID))
								+ "; back to the service desk.");
	}

}

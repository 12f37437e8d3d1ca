package org.incidentdesk.incident.process;

import java.time.ZoneOffset;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.IdentityService;
import org.incidentdesk.classification.Classification;
import org.incidentdesk.classification.Classifier;
import org.incidentdesk.system.CurrentUser;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentRecords;
import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.springframework.stereotype.Component;

/** Classifies the incident and hands the routing and SLA data to the process. */
@Component
class ClassifyIncidentDelegate implements JavaDelegate {

	private final Classifier classifier;

	private final IncidentRecords records;

	private final IdentityService identity;

	private final TaskTexts texts;

	ClassifyIncidentDelegate(Classifier classifier, IncidentRecords records, IdentityService identity,
			TaskTexts texts) {
		this.texts = texts;
		this.identity = identity;
		this.classifier = classifier;
		this.records = records;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String number = execution.getProcessBusinessKey();
		Incident reported = this.records.get(number);
		Classification classification = this.classifier.classify(reported.tenantId(), reported.ciId(),
				reported.impact().name(), reported.urgency().name(), reported.category(),
				reported.createdAt().toInstant());
		this.records.classify(number, (classification.ci() != null) ? classification.ci().id() : null,
				classification.priority(), classification.responseDueAt().atOffset(ZoneOffset.UTC),
				classification.resolutionWarningAt().atOffset(ZoneOffset.UTC),
				classification.resolutionDueAt().atOffset(ZoneOffset.UTC), classification.businessHours());
		Incident incident = this.records.get(number);
		execution.setVariable(Var.SUMMARY, incident.summary());
		execution.setVariable(Var.DESCRIPTION, incident.description());
		execution.setVariable(Var.CATEGORY, incident.category());
		execution.setVariable(Var.PRIORITY, classification.priority());
		execution.setVariable(Var.CI_NAME, (classification.ci() != null) ? classification.ci().name() : null);
		execution.setVariable(Var.CI_TYPE, (classification.ci() != null) ? classification.ci().type().name() : null);
		execution.setVariable(Var.REMOTELY_SERVICEABLE, classification.remotelyServiceable());
		// The table TriageDefault ("Propose triage decision") uses it for its default.
		String technicians = CurrentUser.techniciansOf(reported.tenantId());
		execution.setVariable(Var.ON_SITE_TECHNICIANS,
				(this.identity.createGroupQuery().groupId(technicians).count() > 0) ? technicians : null);
		execution.setVariable(Var.FIRST_TEAM, classification.firstTeam());
		execution.setVariable(Var.VENDOR_TEAM, classification.vendorTeam());
		execution.setVariable(Var.RESPONSE_DUE_AT, Date.from(classification.responseDueAt()));
		execution.setVariable(Var.RESOLUTION_WARNING_AT, Date.from(classification.resolutionWarningAt()));
		execution.setVariable(Var.RESOLUTION_DUE_AT, Date.from(classification.resolutionDueAt()));
		execution.setVariable(Var.SLA_WARNING_SENT, false);
		execution.setVariable(Var.SLA_BREACHED, false);
		execution.setVariable(Var.REOPEN_COUNT, 0);
		execution.setVariable(Var.ASSIGNED_GROUP, null);
		this.texts.refresh(execution);
	}

}

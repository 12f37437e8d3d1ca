package org.incidentdesk.classification;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.incidentdesk.cmdb.Cmdb;
import org.incidentdesk.cmdb.ConfigurationItem;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentRecords;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Classifies an incident with the decision tables beside the process: priority from
 * impact and urgency, SLA targets from priority, and the first support team from
 * category, CI type and priority. A process owner changes the tables; this code only
 * reads their answers.
 */
@Service
public class Classifier {

	static final String PRIORITY_DECISION = "IncidentPriority";

	static final String SLA_DECISION = "SlaTargets";

	static final String ROUTING_DECISION = "IncidentRouting";

	private final DecisionService decisions;

	private final Cmdb cmdb;

	private final IncidentRecords records;

	Classifier(DecisionService decisions, Cmdb cmdb, IncidentRecords records) {
		this.decisions = decisions;
		this.cmdb = cmdb;
		this.records = records;
	}

	/** Classifies the incident and stores the outcome on its record. */
	@Transactional
	public Classification classify(String number) {
		Incident incident = this.records.get(number);
		ConfigurationItem ci = (incident.ciId() != null)
				? this.cmdb.find(incident.tenantId(), incident.ciId()).orElse(null) : null;
		String priority = (String) evaluate(PRIORITY_DECISION,
				Variables.putValue("impact", incident.impact().name()).putValue("urgency", incident.urgency().name()))
			.get("priority");
		Map<String, Object> sla = evaluate(SLA_DECISION, Variables.putValue("priority", priority));
		Map<String, Object> routing = evaluate(ROUTING_DECISION,
				Variables.putValue("category", incident.category())
					.putValue("ciType", (ci != null) ? ci.type().name() : null)
					.putValue("priority", priority));

		Instant reported = incident.createdAt().toInstant();
		Duration response = Duration.parse((String) sla.get("responseTime"));
		Duration resolution = Duration.parse((String) sla.get("resolutionTime"));
		long warningPercent = ((Number) sla.get("warningPercent")).longValue();
		Instant responseDue = reported.plus(response);
		Instant resolutionDue = reported.plus(resolution);
		Instant warning = reported.plus(resolution.multipliedBy(warningPercent).dividedBy(100));

		this.records.classify(number, (ci != null) ? ci.id() : null, priority, responseDue.atOffset(ZoneOffset.UTC),
				warning.atOffset(ZoneOffset.UTC), resolutionDue.atOffset(ZoneOffset.UTC));
		return new Classification(ci, priority, responseDue, warning, resolutionDue, (String) routing.get("firstTeam"),
				(String) routing.get("vendorTeam"));
	}

	/** Priority for given impact and urgency, for callers that need only that. */
	public String priorityOf(String impact, String urgency) {
		return (String) evaluate(PRIORITY_DECISION, Variables.putValue("impact", impact).putValue("urgency", urgency))
			.get("priority");
	}

	private Map<String, Object> evaluate(String decisionKey, VariableMap inputs) {
		DmnDecisionResultEntries result = this.decisions.evaluateDecisionByKey(decisionKey)
			.decisionDefinitionWithoutTenantId()
			.variables(inputs)
			.evaluate()
			.getSingleResult();
		if (result == null) {
			throw new IllegalStateException(
					"The decision " + decisionKey + " has no rule for " + inputs + ": complete the table.");
		}
		return result.getEntryMap();
	}

}

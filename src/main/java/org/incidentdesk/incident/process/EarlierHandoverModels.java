package org.incidentdesk.incident.process;

import java.util.Map;

import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.incidentdesk.incident.process.IncidentProcess.Element;
import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.springframework.stereotype.Component;

/**
 * Incidents that started on a version of the process from before the hand-over moved into
 * the model stay on that version, which has neither the tasks' output mappings nor the
 * business rule task "Decide hand-over". For them, this does what those elements do in
 * the current model, with the same table, so their hand-overs keep working.
 */
@Component
class EarlierHandoverModels {

	static final String DECISION = "IncidentHandover";

	private static final Map<String, String> DECIDED_IN = Map.of(Element.TASK_TRIAGE_INCIDENT, "triage",
			Element.TASK_WORK_ON_INCIDENT, "support", Element.TASK_WORK_ON_SITE, "on-site");

	private final DecisionService decisions;

	private final DecisionVariants variants;

	EarlierHandoverModels(DecisionService decisions, DecisionVariants variants) {
		this.decisions = decisions;
		this.variants = variants;
	}

	/** Whether the execution's process version decides hand-overs in the model. */
	static boolean decidesInModel(DelegateExecution execution) {
		return execution.getBpmnModelInstance().getModelElementById(Element.TASK_DECIDE_HANDOVER) != null;
	}

	/** What the current model's output mappings record when a deciding task completes. */
	static void recordDecision(DelegateTask task) {
		String decidedIn = DECIDED_IN.get(task.getTaskDefinitionKey());
		if (decidedIn == null || decidesInModel(task.getExecution())) {
			return;
		}
		String outcome = (String) task.getVariable(switch (decidedIn) {
			case "triage" -> Var.TRIAGE_DECISION;
			case "support" -> Var.SUPPORT_DECISION;
			default -> Var.ON_SITE_DECISION;
		});
		Object chosen = switch (decidedIn) {
			case "triage" -> task.getVariable(Var.ESCALATION_GROUP);
			case "support" -> task.getVariable("TRANSFER".equals(outcome) ? Var.TRANSFER_GROUP : Var.ESCALATION_GROUP);
			default -> null;
		};
		task.setVariable(Var.DECIDED_IN, decidedIn);
		task.setVariable(Var.OUTCOME, outcome);
		task.setVariable(Var.CHOSEN_TEAM, chosen);
	}

	/**
	 * What "Decide hand-over" does in the current model: evaluates the hand-over table
	 * (linked to this process instance, as the engine links any evaluation made inside
	 * one of its steps) and sets handoverTo, handoverKind and workLocation.
	 */
	void decide(DelegateExecution execution) {
		String tenant = this.variants.tenantFor(DECISION, (String) execution.getVariable(Var.TENANT_ID));
		var evaluation = this.decisions.evaluateDecisionByKey(DECISION).variables(execution.getVariables());
		var result = ((tenant != null) ? evaluation.decisionDefinitionTenantId(tenant)
				: evaluation.decisionDefinitionWithoutTenantId())
			.evaluate();
		DmnDecisionResultEntries entries = result.getFirstResult();
		execution.setVariable(Var.HANDOVER_TO, (entries != null) ? entries.getEntry(Var.HANDOVER_TO) : null);
		execution.setVariable(Var.HANDOVER_KIND, (entries != null) ? entries.getEntry(Var.HANDOVER_KIND) : null);
		execution.setVariable(Var.WORK_LOCATION, (entries != null) ? entries.getEntry(Var.WORK_LOCATION) : null);
	}

}

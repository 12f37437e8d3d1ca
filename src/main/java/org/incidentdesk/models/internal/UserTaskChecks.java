package org.incidentdesk.models.internal;

import java.io.ByteArrayInputStream;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.xml.ModelException;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * Checks that Tasklist can show every user task of a BPMN file: each has a Camunda Form
 * (this server serves no other kind), and the form it names is deployed with it or before
 * it. A task whose form is missing would reach Tasklist as "No Camunda Form Definition
 * was found", with the incident stuck behind it.
 */
public final class UserTaskChecks {

	private static final String DEPLOYMENT = "deployment";

	private static final String INCIDENT_PROCESS = "IncidentManagement";

	private UserTaskChecks() {
	}

	/**
	 * @param formsHere the ids of the forms in the same deployment
	 * @param formDeployedBefore whether a form id is deployed already (for the bindings
	 * {@code latest} and {@code version})
	 * @param decisionsHere the ids of the decisions in the same deployment
	 * @param decisionDeployedBefore whether a decision id is deployed already, shared or
	 * for any tenant
	 */
	public static void check(String resource, byte[] bytes, Set<String> formsHere, Predicate<String> formDeployedBefore,
			Set<String> decisionsHere, Predicate<String> decisionDeployedBefore, List<ModelProblem> problems) {
		BpmnModelInstance model;
		try {
			model = Bpmn.readModelFromStream(new ByteArrayInputStream(bytes));
		}
		catch (ModelException ex) {
			// Not valid BPMN: the engine's parser reports it with line numbers.
			return;
		}
		for (UserTask task : model.getModelElementsByType(UserTask.class)) {
			if (task.getCamundaFormRef() == null && task.getCamundaFormKey() == null && !inIncidentProcess(task)) {
				// Another process's task may go without a form: Tasklist shows its
				// generic one.
				continue;
			}
			checkForm(resource, task, "user task", task.getCamundaFormRef(), task.getCamundaFormRefBinding(),
					task.getCamundaFormKey(), formsHere, formDeployedBefore, problems);
		}
		for (BusinessRuleTask task : model.getModelElementsByType(BusinessRuleTask.class)) {
			String decision = task.getCamundaDecisionRef();
			if (decision == null || decision.isBlank() || decision.startsWith("${") || decision.startsWith("#{")
					|| decisionsHere.contains(decision) || decisionDeployedBefore.test(decision)) {
				// No table (a class, an expression or an external task) or one resolved
				// at run time, or one that exists.
				continue;
			}
			problems.add(ModelProblem.of(resource,
					"The business rule task '" + nameOf(task) + "' (" + task.getId() + ") evaluates the decision '"
							+ decision + "', and no decision with that id is deployed. Deploy processes/" + decision
							+ ".dmn with it, or correct the decision reference.",
					task.getId()));
		}
		Collection<StartEvent> starts = model.getModelElementsByType(StartEvent.class);
		for (StartEvent start : starts) {
			if (start.getCamundaFormRef() != null || start.getCamundaFormKey() != null) {
				checkForm(resource, start, "start event", start.getCamundaFormRef(), start.getCamundaFormRefBinding(),
						start.getCamundaFormKey(), formsHere, formDeployedBefore, problems);
			}
		}
	}

	private static void checkForm(String resource, BaseElement element, String kind, String formRef, String binding,
			String formKey, Set<String> formsHere, Predicate<String> formDeployedBefore, List<ModelProblem> problems) {
		String name = kind + " '" + nameOf(element) + "' (" + element.getId() + ")";
		if (formRef == null || formRef.isBlank()) {
			String why = (formKey != null && !formKey.isBlank())
					? " uses the form key '" + formKey + "'; this server serves Camunda Forms only."
					: " has no form, so Tasklist cannot show it.";
			problems.add(ModelProblem.of(resource, "The " + name + why
					+ " In Modeler, set Form > Type to \"Camunda Forms (linked)\" and Form ID to the id of a form in forms/.",
					element.getId()));
			return;
		}
		if (formRef.startsWith("${") || formRef.startsWith("#{")) {
			// Resolved at run time; nothing to check now.
			return;
		}
		boolean here = formsHere.contains(formRef);
		if (DEPLOYMENT.equals(binding)) {
			if (!here) {
				problems.add(ModelProblem.of(resource, "The " + name + " takes its form '" + formRef
						+ "' from the same deployment (binding \"deployment\"), and this deployment has no form with that id."
						+ " Deploy the form with the diagram, or set the binding to \"latest\".", element.getId()));
			}
			return;
		}
		if (!here && !formDeployedBefore.test(formRef)) {
			problems.add(ModelProblem.of(resource,
					"The " + name + " shows the form '" + formRef
							+ "', and no form with that id is deployed. Deploy forms/" + formRef + ".form with it.",
					element.getId()));
		}
	}

	/**
	 * Whether the task belongs to the incident process
	 * ({@code IncidentProcess.PROCESS_ID} in the incident module, which this module does
	 * not depend on). Its tasks record their outcome only through their form's fields, so
	 * a task without a form could never tell where the incident goes.
	 */
	private static boolean inIncidentProcess(BaseElement element) {
		ModelElementInstance parent = element.getParentElement();
		while (parent != null && !(parent instanceof Process)) {
			parent = parent.getParentElement();
		}
		return parent instanceof Process process && INCIDENT_PROCESS.equals(process.getId());
	}

	private static String nameOf(BaseElement element) {
		String name = element.getAttributeValue("name");
		return (name != null && !name.isBlank()) ? name.replaceAll("\\s+", " ") : element.getId();
	}

}

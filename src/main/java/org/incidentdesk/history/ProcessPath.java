package org.incidentdesk.history;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The path an incident's process instance took through its process definition, from
 * Camunda's history: which activities it passed and how often, which timers fired, and
 * which decisions were taken on the way.
 *
 * @param processDefinitionId the version of the process definition the instance ran (its
 * diagram is that version's)
 * @param processDefinitionKey the process definition's key
 * @param processDefinitionVersion its version number
 * @param state the process instance's state ({@code ACTIVE}, {@code COMPLETED}, ...)
 * @param steps each activity passed, in the order of its first occurrence
 * @param decisions each decision evaluated for the instance, in the order of evaluation
 */
public record ProcessPath(String processDefinitionId, String processDefinitionKey, int processDefinitionVersion,
		String state, List<Step> steps, List<Decision> decisions) {

	public ProcessPath {
		steps = List.copyOf(steps);
		decisions = List.copyOf(decisions);
	}

	/**
	 * An activity of the diagram that the instance passed.
	 *
	 * @param activityId the element's id in the diagram
	 * @param name the element's name, or its id if it has none
	 * @param type Camunda's activity type, e.g. {@code userTask}, {@code boundaryTimer}
	 * @param passed how many times the instance entered it
	 * @param cancelled how many of those were cancelled (an interrupting event, a
	 * withdrawal)
	 * @param active how many are still running
	 * @param timer whether it is a timer event, which the instance passes only when the
	 * timer fires
	 * @param decision whether it is a business rule task
	 */
	public record Step(String activityId, String name, String type, int passed, int cancelled, int active,
			boolean timer, boolean decision) {

	}

	/**
	 * One evaluation of a decision table for the instance.
	 *
	 * @param at when it was evaluated (UTC)
	 * @param activityId the element that evaluated it
	 * @param activityName that element's name, or its id
	 * @param decisionKey the table's key, e.g. {@code TriageDefault}
	 * @param decisionName the table's name
	 * @param decisionVersion the version of the table that was evaluated
	 * @param ruleIds the ids of the rules that matched, in the table's order (empty: no
	 * rule matched)
	 * @param outputs the outputs of the matched rules
	 */
	public record Decision(OffsetDateTime at, String activityId, String activityName, String decisionKey,
			String decisionName, Integer decisionVersion, List<String> ruleIds, List<Output> outputs) {

		public Decision {
			ruleIds = List.copyOf(ruleIds);
			outputs = List.copyOf(outputs);
		}

	}

	/**
	 * One output of a matched rule.
	 *
	 * @param ruleId the rule that gave it
	 * @param name the output's variable name (or its label)
	 * @param value its value as text; {@code null} for none
	 */
	public record Output(String ruleId, String name, String value) {

	}

}

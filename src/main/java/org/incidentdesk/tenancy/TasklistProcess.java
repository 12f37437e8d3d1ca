package org.incidentdesk.tenancy;

import java.util.List;
import java.util.Map;

/**
 * The process that work groups work in Tasklist, as {@link AccessModel} needs to know it
 * for its grants and filters: the key of its definition, and the process variables a
 * task's list card shows so that agents find the incident. The module that owns the
 * process provides it as a bean, so that {@code tenancy} knows no process of its own.
 *
 * @param definitionKey the process definition key the service desk starts and work groups
 * read
 * @param listCardVariables the variables of a task's list card, in order
 * @param formerCardVariables the names of variables that list cards showed in earlier
 * versions and show no more, taken off the filters made then
 */
public record TasklistProcess(String definitionKey, List<ListCardVariable> listCardVariables,
		List<String> formerCardVariables) {

	public TasklistProcess {
		listCardVariables = List.copyOf(listCardVariables);
		formerCardVariables = List.copyOf(formerCardVariables);
	}

	/**
	 * The properties of a Tasklist filter that show these variables on the list cards.
	 */
	List<Map<String, String>> filterVariables() {
		return this.listCardVariables.stream()
			.map(variable -> Map.of("name", variable.name(), "label", variable.label()))
			.toList();
	}

	/** The names of the list card's variables, in order. */
	List<String> cardVariableNames() {
		return this.listCardVariables.stream().map(ListCardVariable::name).toList();
	}

	/**
	 * A process variable shown on a task's list card.
	 *
	 * @param name the variable's name
	 * @param label what the card calls it
	 */
	public record ListCardVariable(String name, String label) {
	}

}

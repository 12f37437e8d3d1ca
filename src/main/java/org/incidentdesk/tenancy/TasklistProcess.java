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
 */
public record TasklistProcess(String definitionKey, List<ListCardVariable> listCardVariables) {

	public TasklistProcess {
		listCardVariables = List.copyOf(listCardVariables);
	}

	/**
	 * The properties of a Tasklist filter that show these variables on the list cards.
	 */
	List<Map<String, String>> filterVariables() {
		return this.listCardVariables.stream()
			.map(variable -> Map.of("name", variable.name(), "label", variable.label()))
			.toList();
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

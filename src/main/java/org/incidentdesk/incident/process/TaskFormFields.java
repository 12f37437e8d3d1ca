package org.incidentdesk.incident.process;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The fields a task's Camunda Form offers, read from the form deployed with the task's
 * process: the ones the worker fills in and the ones it only shows. A completion may set
 * the first and repeat the second unchanged (Tasklist sends read-only fields back); it
 * sets nothing else. A process owner who adds a field to a form adds it here too.
 */
@Component
class TaskFormFields {

	/** The keys of a form's fields. */
	record Fields(Set<String> editable, Set<String> readOnly) {

		static final Fields NONE = new Fields(Set.of(), Set.of());

	}

	private final FormService forms;

	private final ObjectMapper json;

	/** Deployed forms never change: by process definition and task. */
	private final Map<String, Fields> byTask = new ConcurrentHashMap<>();

	TaskFormFields(FormService forms, ObjectMapper json) {
		this.forms = forms;
		this.json = json;
	}

	Fields of(Task task) {
		return this.byTask.computeIfAbsent(task.getProcessDefinitionId() + "#" + task.getTaskDefinitionKey(),
				key -> read(task.getId()));
	}

	private Fields read(String taskId) {
		JsonNode form;
		try (InputStream in = this.forms.getDeployedTaskForm(taskId)) {
			form = this.json.readTree(in);
		}
		catch (ProcessEngineException ex) {
			// No Camunda Form (a task a process owner added without one): no fields.
			return Fields.NONE;
		}
		catch (IOException ex) {
			throw new IllegalStateException("The form of task " + taskId + " is not readable JSON", ex);
		}
		Set<String> editable = new TreeSet<>();
		Set<String> readOnly = new TreeSet<>();
		collect(form, editable, readOnly);
		readOnly.removeAll(editable);
		return new Fields(Set.copyOf(editable), Set.copyOf(readOnly));
	}

	private static void collect(JsonNode node, Set<String> editable, Set<String> readOnly) {
		for (JsonNode component : node.path("components")) {
			String key = component.path("key").asText(null);
			if (key != null && !key.isBlank()) {
				// A read-only or disabled flag may be an expression ("=..."): anything
				// but a plain false counts as read-only.
				boolean fixed = flagged(component.get("readonly")) || flagged(component.get("disabled"));
				(fixed ? readOnly : editable).add(key);
			}
			collect(component, editable, readOnly);
		}
	}

	private static boolean flagged(JsonNode flag) {
		return flag != null && !flag.isNull() && !(flag.isBoolean() && !flag.booleanValue());
	}

}

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
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The fields a task's Camunda Form offers, read from the form Tasklist shows for the task
 * (the latest deployed version of the form the task names): the ones the worker fills in,
 * the ones it only shows, and the ones it requires. A completion may set the first and
 * repeat the second unchanged (Tasklist sends read-only fields back); it sets nothing
 * else. A process owner who adds a field to a form needs no change here.
 */
@Component
class TaskFormFields {

	/**
	 * The keys of a form's fields.
	 *
	 * @param required the editable fields the form marks as required
	 * @param optionLists the variables the form's selects take their options from
	 * ({@code valuesKey})
	 */
	record Fields(Set<String> editable, Set<String> readOnly, Set<String> required, Set<String> optionLists) {

		static final Fields NONE = new Fields(Set.of(), Set.of(), Set.of(), Set.of());

	}

	private final FormService forms;

	private final RepositoryService repository;

	private final ObjectMapper json;

	/**
	 * By process definition and task, as of the newest deployment: a task shows the
	 * latest version of its form, so a deployment may change the fields of a running
	 * task.
	 */
	private final Map<String, Fields> byTask = new ConcurrentHashMap<>();

	private final CommandExecutor commands;

	TaskFormFields(FormService forms, RepositoryService repository, ObjectMapper json, ProcessEngine engine) {
		this.forms = forms;
		this.repository = repository;
		this.json = json;
		this.commands = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
			.getCommandExecutorTxRequired();
	}

	Fields of(Task task) {
		return of(task.getId(), task.getProcessDefinitionId(), task.getTaskDefinitionKey());
	}

	/**
	 * Reads with the engine's authorization checks off: the form's fields are the
	 * server's knowledge, asked for while any user (a caller reporting, say) is signed
	 * in.
	 */
	Fields of(String taskId, String processDefinitionId, String taskDefinitionKey) {
		return this.commands.execute(context -> {
			boolean checking = context.isAuthorizationCheckEnabled();
			context.disableAuthorizationCheck();
			try {
				return fieldsOf(taskId, processDefinitionId, taskDefinitionKey);
			}
			finally {
				if (checking) {
					context.enableAuthorizationCheck();
				}
			}
		});
	}

	private Fields fieldsOf(String taskId, String processDefinitionId, String taskDefinitionKey) {
		Deployment newest = this.repository.createDeploymentQuery()
			.orderByDeploymentTime()
			.desc()
			.orderByDeploymentId()
			.desc()
			.listPage(0, 1)
			.stream()
			.findFirst()
			.orElse(null);
		String asOf = (newest != null) ? newest.getId() : "";
		return this.byTask.computeIfAbsent(processDefinitionId + "#" + taskDefinitionKey + "#" + asOf,
				key -> read(taskId));
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
		Set<String> required = new TreeSet<>();
		Set<String> optionLists = new TreeSet<>();
		collect(form, editable, readOnly, required, optionLists);
		readOnly.removeAll(editable);
		required.retainAll(editable);
		return new Fields(Set.copyOf(editable), Set.copyOf(readOnly), Set.copyOf(required), Set.copyOf(optionLists));
	}

	private static void collect(JsonNode node, Set<String> editable, Set<String> readOnly, Set<String> required,
			Set<String> optionLists) {
		for (JsonNode component : node.path("components")) {
			String key = component.path("key").asText(null);
			if (key != null && !key.isBlank()) {
				// A read-only or disabled flag may be an expression ("=..."): anything
				// but a plain false counts as read-only.
				boolean fixed = flagged(component.get("readonly")) || flagged(component.get("disabled"));
				(fixed ? readOnly : editable).add(key);
				if (component.path("validate").path("required").asBoolean(false)) {
					required.add(key);
				}
			}
			if (component.path("valuesKey").isTextual()) {
				optionLists.add(component.path("valuesKey").asText());
			}
			collect(component, editable, readOnly, required, optionLists);
		}
	}

	private static boolean flagged(JsonNode flag) {
		return flag != null && !flag.isNull() && !(flag.isBoolean() && !flag.booleanValue());
	}

}

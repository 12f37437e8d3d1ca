package org.incidentdesk.history;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.stereotype.Component;

/**
 * Reads the path a process instance took ({@link ProcessPath}) and the diagram of the
 * process definition version it ran, through the engine's public {@link HistoryService}
 * and {@link RepositoryService}.
 */
@Component
class ProcessPaths {

	private final HistoryService history;

	private final RepositoryService repository;

	ProcessPaths(HistoryService history, RepositoryService repository) {
		this.history = history;
		this.repository = repository;
	}

	/** Empty when history cleanup removed the instance's history. */
	Optional<ProcessPath> of(String processInstanceId) {
		HistoricProcessInstance instance = this.history.createHistoricProcessInstanceQuery()
			.processInstanceId(processInstanceId)
			.singleResult();
		if (instance == null) {
			return Optional.empty();
		}
		List<HistoricActivityInstance> activities = this.history.createHistoricActivityInstanceQuery()
			.processInstanceId(processInstanceId)
			.orderPartiallyByOccurrence()
			.asc()
			.list();
		Map<String, StepCount> counts = new LinkedHashMap<>();
		for (HistoricActivityInstance activity : activities) {
			counts.computeIfAbsent(activity.getActivityId(), id -> new StepCount(activity)).add(activity);
		}
		List<ProcessPath.Step> steps = counts.values().stream().map(StepCount::step).toList();
		Map<String, String> names = new HashMap<>();
		steps.forEach(step -> names.put(step.activityId(), step.name()));
		return Optional.of(new ProcessPath(instance.getProcessDefinitionId(), instance.getProcessDefinitionKey(),
				(instance.getProcessDefinitionVersion() != null) ? instance.getProcessDefinitionVersion() : 0,
				instance.getState(), steps, decisions(processInstanceId, names)));
	}

	/**
	 * The BPMN XML of the process definition version the instance ran, as it was
	 * deployed; empty when history cleanup removed the instance's history.
	 */
	Optional<String> diagram(String processInstanceId) {
		HistoricProcessInstance instance = this.history.createHistoricProcessInstanceQuery()
			.processInstanceId(processInstanceId)
			.singleResult();
		return Optional.ofNullable(instance).map(found -> model(found.getProcessDefinitionId()));
	}

	private String model(String processDefinitionId) {
		try (InputStream model = this.repository.getProcessModel(processDefinitionId)) {
			return new String(model.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The decisions evaluated for the instance (its business rule tasks). */
	private List<ProcessPath.Decision> decisions(String processInstanceId, Map<String, String> names) {
		List<HistoricDecisionInstance> found = this.history.createHistoricDecisionInstanceQuery()
			.processInstanceId(processInstanceId)
			.includeOutputs()
			.list();
		List<HistoricDecisionInstance> ordered = new ArrayList<>(found);
		// by evaluation time; decisions of one instant by id, so that every database
		// lists them alike
		ordered.sort((a, b) -> {
			int byTime = a.getEvaluationTime().compareTo(b.getEvaluationTime());
			return (byTime != 0) ? byTime : a.getId().compareTo(b.getId());
		});
		Map<String, Integer> versions = new HashMap<>();
		List<ProcessPath.Decision> decisions = new ArrayList<>();
		for (HistoricDecisionInstance decision : ordered) {
			Set<String> rules = new LinkedHashSet<>();
			List<ProcessPath.Output> outputs = new ArrayList<>();
			List<HistoricDecisionOutputInstance> values = new ArrayList<>(decision.getOutputs());
			values.sort((a, b) -> Integer.compare(order(a.getRuleOrder()), order(b.getRuleOrder())));
			for (HistoricDecisionOutputInstance output : values) {
				rules.add(output.getRuleId());
				String name = (output.getVariableName() != null) ? output.getVariableName() : output.getClauseName();
				outputs.add(new ProcessPath.Output(output.getRuleId(), name, text(output)));
			}
			String activityId = decision.getActivityId();
			decisions.add(new ProcessPath.Decision(decision.getEvaluationTime().toInstant().atOffset(ZoneOffset.UTC),
					activityId, (activityId != null) ? names.getOrDefault(activityId, activityId) : null,
					decision.getDecisionDefinitionKey(), decision.getDecisionDefinitionName(),
					versions.computeIfAbsent(decision.getDecisionDefinitionId(), this::version), List.copyOf(rules),
					outputs));
		}
		return decisions;
	}

	private Integer version(String decisionDefinitionId) {
		DecisionDefinition definition = this.repository.createDecisionDefinitionQuery()
			.decisionDefinitionId(decisionDefinitionId)
			.singleResult();
		return (definition != null) ? definition.getVersion() : null;
	}

	private static int order(Integer ruleOrder) {
		return (ruleOrder != null) ? ruleOrder : Integer.MAX_VALUE;
	}

	private static String text(HistoricDecisionOutputInstance output) {
		if (output.getErrorMessage() != null) {
			return "(" + output.getErrorMessage() + ")";
		}
		Object value = output.getValue();
		return (value != null) ? value.toString() : null;
	}

	/** The activity instances of one element, counted. */
	private static final class StepCount {

		private final HistoricActivityInstance first;

		private int passed;

		private int cancelled;

		private int active;

		StepCount(HistoricActivityInstance first) {
			this.first = first;
		}

		void add(HistoricActivityInstance activity) {
			this.passed++;
			if (activity.isCanceled()) {
				this.cancelled++;
			}
			if (activity.getEndTime() == null) {
				this.active++;
			}
		}

		ProcessPath.Step step() {
			String type = this.first.getActivityType();
			String name = (this.first.getActivityName() != null) ? this.first.getActivityName()
					: this.first.getActivityId();
			return new ProcessPath.Step(this.first.getActivityId(), name, type, this.passed, this.cancelled,
					this.active, type.toLowerCase(Locale.ROOT).contains("timer"), "businessRuleTask".equals(type));
		}

	}

}

package org.incidentdesk.models.internal;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.camunda.bpm.model.xml.ModelException;
import org.camunda.feel.api.EvaluationResult;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.camunda.feel.api.ParseResult;

/**
 * Checks the decision tables of a DMN file before the engine deploys them: every input
 * expression, input entry and output entry in FEEL must parse, and the outputs the
 * product relies on must hold values it can use (durations, priorities, groups that
 * exist). The engine itself parses an entry only when a rule is evaluated, so a broken
 * cell would deploy and then fail every incident that reaches its rule.
 */
public final class DecisionTableChecks {

	/** What one output of one of the product's tables must hold. */
	private enum Kind {

		DURATION, PERCENT, PRIORITY, GROUP, HANDOVER_KIND, WORK_LOCATION, TRIAGE_DECISION, CLOCK

	}

	/** The outputs the application reads, by decision id and output name. */
	private static final Map<String, Map<String, Kind>> PRODUCT_OUTPUTS = Map.of("SlaTargets",
			Map.of("responseTime", Kind.DURATION, "resolutionTime", Kind.DURATION, "warningPercent", Kind.PERCENT,
					"clock", Kind.CLOCK),
			"IncidentPriority", Map.of("priority", Kind.PRIORITY), "IncidentRouting",
			Map.of("firstTeam", Kind.GROUP, "vendorTeam", Kind.GROUP), "IncidentHandover",
			Map.of("handoverTo", Kind.GROUP, "handoverKind", Kind.HANDOVER_KIND, "workLocation", Kind.WORK_LOCATION),
			"TriageDefault", Map.of("triageDecision", Kind.TRIAGE_DECISION));

	/** The values an output of a kind with a fixed set of answers may hold. */
	private static final Map<Kind, List<String>> CHOICES = Map.of(Kind.PRIORITY, List.of("P1", "P2", "P3", "P4", "P5"),
			Kind.HANDOVER_KIND, List.of("ESCALATION", "TRANSFER", "DISPATCH"), Kind.WORK_LOCATION,
			List.of("REMOTE", "ONSITE"), Kind.CLOCK, List.of("AROUND_THE_CLOCK", "BUSINESS_HOURS"),
			Kind.TRIAGE_DECISION, List.of("RESOLVE", "REQUEST_INFO", "ESCALATE", "DISPATCH_ONSITE", "DUPLICATE"));

	private static final FeelEngineApi FEEL = FeelEngineBuilder.forJava().build();

	private DecisionTableChecks() {
	}

	/** The ids of the decisions in a DMN resource, none when it is not valid DMN. */
	public static Set<String> decisionIds(byte[] bytes) {
		try {
			return Dmn.readModelFromStream(new ByteArrayInputStream(bytes))
				.getModelElementsByType(Decision.class)
				.stream()
				.map(Decision::getId)
				.collect(Collectors.toSet());
		}
		catch (ModelException ex) {
			return Set.of();
		}
	}

	/**
	 * @param groupExists whether a group id names a group, or {@code null} to skip that
	 * check
	 */
	public static void check(String resource, byte[] bytes, Predicate<String> groupExists,
			List<ModelProblem> problems) {
		DmnModelInstance model;
		try {
			model = Dmn.readModelFromStream(new ByteArrayInputStream(bytes));
		}
		catch (ModelException ex) {
			// Not valid DMN: the engine's parser reports it with its own words.
			return;
		}
		for (Decision decision : model.getModelElementsByType(Decision.class)) {
			if (decision.getExpression() instanceof DecisionTable table) {
				checkTable(resource, decision, table, groupExists, problems);
			}
		}
	}

	private static void checkTable(String resource, Decision decision, DecisionTable table,
			Predicate<String> groupExists, List<ModelProblem> problems) {
		String tableName = "decision table '" + nameOf(decision.getName(), decision.getId()) + "' (" + decision.getId()
				+ ")";
		List<Input> inputs = List.copyOf(table.getInputs());
		List<Output> outputs = List.copyOf(table.getOutputs());
		for (Input input : inputs) {
			if (input.getInputExpression() != null && isFeel(input.getInputExpression().getExpressionLanguage())
					&& input.getInputExpression().getText() != null) {
				String text = input.getInputExpression().getText().getTextContent();
				failure(FEEL.parseExpression(text)).ifPresent(
						message -> problems.add(ModelProblem.of(resource,
								"In the " + tableName + ", the input expression of column '"
										+ label(input.getLabel(), null) + "' is not valid FEEL: " + message,
								input.getId())));
			}
		}
		int ruleNumber = 0;
		for (Rule rule : table.getRules()) {
			ruleNumber++;
			String where = "In the " + tableName + ", rule " + ruleNumber + " (" + rule.getId() + ")";
			int column = 0;
			for (InputEntry entry : rule.getInputEntries()) {
				Input input = (column < inputs.size()) ? inputs.get(column) : null;
				column++;
				String text = (entry.getText() != null) ? entry.getText().getTextContent() : "";
				if (!isFeel(entry.getExpressionLanguage()) || text.isBlank()) {
					continue;
				}
				String columnName = (input != null) ? label(input.getLabel(), null) : "input " + column;
				failure(FEEL.parseUnaryTests(text))
					.ifPresent(message -> problems.add(ModelProblem.of(resource, where + ", input column '" + columnName
							+ "': " + quote(text) + " is not valid FEEL: " + message, rule.getId())));
			}
			column = 0;
			for (OutputEntry entry : rule.getOutputEntries()) {
				Output output = (column < outputs.size()) ? outputs.get(column) : null;
				column++;
				String text = (entry.getText() != null) ? entry.getText().getTextContent() : "";
				if (!isFeel(entry.getExpressionLanguage()) || text.isBlank()) {
					continue;
				}
				String columnName = (output != null) ? label(output.getLabel(), output.getName()) : "output " + column;
				ParseResult parsed = FEEL.parseExpression(text);
				if (parsed.isFailure()) {
					problems.add(ModelProblem.of(resource, where + ", output column '" + columnName + "': "
							+ quote(text) + " is not valid FEEL: " + parsed.failure().message(), rule.getId()));
					continue;
				}
				Kind kind = (output != null)
						? PRODUCT_OUTPUTS.getOrDefault(decision.getId(), Map.of()).get(output.getName()) : null;
				if (kind != null) {
					checkValue(kind, parsed, groupExists).ifPresent(message -> problems.add(ModelProblem.of(resource,
							where + ", output column '" + columnName + "': " + quote(text) + " " + message,
							rule.getId())));
				}
			}
		}
	}

	/**
	 * What is wrong with a constant output the application reads. An expression that
	 * needs the rule's inputs cannot be checked before it runs, and passes.
	 */
	private static Optional<String> checkValue(Kind kind, ParseResult parsed, Predicate<String> groupExists) {
		EvaluationResult evaluated = FEEL.evaluate(parsed.parsedExpression(), Map.of());
		if (evaluated.isFailure() || evaluated.hasSuppressedFailures()) {
			// It needs a variable or a function that is there only at run time.
			return Optional.empty();
		}
		Object value = evaluated.result();
		return switch (kind) {
			case DURATION -> {
				if (!(value instanceof String text)) {
					yield Optional.of("must be an ISO-8601 duration in quotes, such as \"PT4H\" or \"P3D\".");
				}
				try {
					Duration duration = Duration.parse(text);
					yield (duration.isNegative() || duration.isZero())
							? Optional.of("must be a duration longer than zero.") : Optional.empty();
				}
				catch (DateTimeParseException ex) {
					yield Optional.of("is not an ISO-8601 duration: write it like \"PT15M\", \"PT4H\" or \"P3D\".");
				}
			}
			case PERCENT -> (value instanceof Number number && number.doubleValue() > 0 && number.doubleValue() < 100
					&& number.doubleValue() == Math.floor(number.doubleValue())) ? Optional.empty()
							: Optional.of("must be a whole number of percent between 1 and 99.");
			case PRIORITY, HANDOVER_KIND, WORK_LOCATION, TRIAGE_DECISION, CLOCK -> {
				List<String> choices = CHOICES.get(kind);
				if ((value == null && kind == Kind.TRIAGE_DECISION)
						|| (value instanceof String text && choices.contains(text))) {
					yield Optional.empty();
				}
				yield Optional.of("must be one of "
						+ choices.stream().map(choice -> "\"" + choice + "\"").collect(Collectors.joining(", ")) + ".");
			}
			case GROUP -> {
				if (value == null) {
					yield Optional.empty();
				}
				if (!(value instanceof String text) || text.isBlank()) {
					yield Optional.of("must be the id of a team, in quotes.");
				}
				yield (groupExists == null || groupExists.test(text)) ? Optional.empty()
						: Optional.of("names no team that exists: create the team first"
								+ " (POST /api/v1/admin/teams) or use the id of an existing one.");
			}
		};
	}

	private static Optional<String> failure(ParseResult result) {
		return result.isFailure() ? Optional.of(result.failure().message()) : Optional.empty();
	}

	/** Camunda 7 evaluates DMN entries in FEEL unless a table says otherwise. */
	private static boolean isFeel(String language) {
		return language == null || language.toLowerCase(Locale.ROOT).contains("feel");
	}

	private static String label(String label, String name) {
		if (label != null && !label.isBlank()) {
			return (name != null) ? label + " (" + name + ")" : label;
		}
		return (name != null) ? name : "?";
	}

	private static String nameOf(String name, String id) {
		return (name != null && !name.isBlank()) ? name : id;
	}

	private static String quote(String text) {
		String shown = text.strip();
		return "«" + ((shown.length() > 60) ? shown.substring(0, 57) + "..." : shown) + "»";
	}

}

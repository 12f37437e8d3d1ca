package org.incidentdesk.system;

import java.util.List;

import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.incidentdesk.IncidentDeskTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The FEEL engine that parses each expression once answers as Camunda's own, errors
 * included, and is the one the process engine evaluates decision tables with.
 */
@IncidentDeskTest
class ParsedFeelExpressionsTests {

	@Autowired
	ProcessEngine engine;

	@Autowired
	RepositoryService repository;

	@Autowired
	DecisionService decisions;

	final FeelEngine camundas = new ScalaFeelEngine(List.of());

	final ParsedFeelExpressions.ParsingOnce parsingOnce = new ParsedFeelExpressions.ParsingOnce(List.of());

	@Test
	void unaryTestsAnswerAsCamundasEngine() {
		List<String> tests = List.of("< 5", "[1..10]", "3, 4", "-", "not(3)", "> x", "? * 2 = 6", "null");
		for (Object input : new Object[] { 3, 12, null }) {
			VariableContext variables = Variables.createVariables()
				.putValue("cellInput", input)
				.putValue("x", 2)
				.asVariableContext();
			for (String test : tests) {
				for (int time = 0; time < 2; time++) {
					assertThat(this.parsingOnce.evaluateSimpleUnaryTests(test, "cellInput", variables))
						.as("%s for %s", test, input)
						.isEqualTo(this.camundas.evaluateSimpleUnaryTests(test, "cellInput", variables));
				}
			}
		}
	}

	@Test
	void expressionsAnswerAsCamundasEngine() {
		VariableContext variables = Variables.createVariables()
			.putValue("impact", "HIGH")
			.putValue("urgency", "LOW")
			.putValue("hours", 4)
			.asVariableContext();
		for (String expression : List.of("impact = \"HIGH\" and urgency = \"HIGH\"", "hours * 60",
				"string(duration(\"PT4H\") * 2)", "if urgency = \"LOW\" then \"P4\" else \"P1\"", "missing")) {
			Object expected = this.camundas.evaluateSimpleExpression(expression, variables);
			assertThat((Object) this.parsingOnce.evaluateSimpleExpression(expression, variables)).as(expression)
				.isEqualTo(expected);
			assertThat((Object) this.parsingOnce.evaluateSimpleExpression(expression, variables)).as(expression)
				.isEqualTo(expected);
		}
	}

	@Test
	void aBrokenExpressionFailsAsWithCamundasEngineEveryTime() {
		VariableContext variables = Variables.createVariables().putValue("cellInput", 3).asVariableContext();
		Throwable expected = catchThrowable(
				() -> this.camundas.evaluateSimpleUnaryTests("< <", "cellInput", variables));
		assertThat(expected).isNotNull();
		for (int time = 0; time < 2; time++) {
			assertThatThrownBy(() -> this.parsingOnce.evaluateSimpleUnaryTests("< <", "cellInput", variables))
				.isInstanceOf(expected.getClass())
				.hasMessage(expected.getMessage());
		}
		Throwable expectedFailure = catchThrowable(() -> this.camundas.evaluateSimpleExpression("1 +", variables));
		assertThat(expectedFailure).isNotNull();
		assertThatThrownBy(() -> this.parsingOnce.evaluateSimpleExpression("1 +", variables))
			.isInstanceOf(expectedFailure.getClass())
			.hasMessage(expectedFailure.getMessage());
	}

	@Test
	void theProcessEngineEvaluatesDecisionTablesWithIt() {
		ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) this.engine
			.getProcessEngineConfiguration();
		assertThat(configuration.getDmnEngineConfiguration().getFeelEngine())
			.isInstanceOf(ParsedFeelExpressions.ParsingOnce.class);

		DmnModelInstance table = Dmn.readModelFromStream(getClass().getResourceAsStream("/models/feel-probe.dmn"));
		String deployment = this.repository.createDeployment()
			.addModelInstance("feel-probe.dmn", table)
			.deploy()
			.getId();
		try {
			for (int time = 0; time < 2; time++) {
				DmnDecisionResult high = this.decisions.evaluateDecisionByKey("FeelProbe")
					.variables(Variables.createVariables().putValue("score", 9))
					.evaluate();
				DmnDecisionResult low = this.decisions.evaluateDecisionByKey("FeelProbe")
					.variables(Variables.createVariables().putValue("score", 2))
					.evaluate();
				assertThat((String) high.getSingleEntry()).isEqualTo("high: 18");
				assertThat((String) low.getSingleEntry()).isEqualTo("low: 4");
			}
		}
		finally {
			this.repository.deleteDeployment(deployment, true);
		}
	}

}

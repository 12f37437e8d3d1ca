package org.incidentdesk.system;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import camundajar.impl.scala.collection.immutable.Map.Map1;
import camundajar.impl.scala.runtime.BoxesRunTime;
import camundajar.impl.scala.util.Either;
import camundajar.impl.scala.util.Left;
import camundajar.impl.scala.util.Right;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.scala.ContextVariableWrapper;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.feel.FeelEngine.Failure;
import org.camunda.feel.FeelEngine.UnaryTests$;
import org.camunda.feel.context.CustomContext;
import org.camunda.feel.context.VariableProvider;
import org.camunda.feel.context.VariableProvider.CompositeVariableProvider;
import org.camunda.feel.context.VariableProvider.StaticVariableProvider;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.springframework.stereotype.Component;

/**
 * The decision tables' FEEL is parsed once per expression, not at every evaluation.
 * <p>
 * Camunda 7's FEEL engine ({@link ScalaFeelEngine}) parses every input entry and
 * expression of a decision table again each time the table is evaluated (feel-scala issue
 * #1149, open). A report evaluates three tables and the triage proposal a fourth, and the
 * parsing was 12 % of a report's CPU in the application (Java Flight Recorder,
 * docs/benchmarks.md). This engine keeps the parsed expressions, keyed by their text, and
 * evaluates them as Camunda's does: the same context, the same input variable, the same
 * errors. A parsed expression is immutable, so one is shared by every thread. Deploying a
 * changed table brings new texts; the memory holds at most {@value #CAPACITY} of each
 * kind and starts again when full.
 * <p>
 * It is used unless FEEL's legacy behaviour (JUEL) is switched on or another plugin set a
 * FEEL engine of its own.
 */
@Component
class ParsedFeelExpressions extends AbstractProcessEnginePlugin {

	static final int CAPACITY = 10_000;

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration();
		if (dmn == null) {
			dmn = (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
			configuration.setDmnEngineConfiguration(dmn);
		}
		if (dmn.getFeelEngineFactory() == null && !configuration.isDmnFeelEnableLegacyBehavior()) {
			// The custom functions are read when the engine is built, after every
			// plugin's preInit.
			dmn.setFeelEngineFactory(() -> new ParsingOnce((configuration.getDmnFeelCustomFunctionProviders() != null)
					? configuration.getDmnFeelCustomFunctionProviders() : List.of()));
		}
	}

	/** Camunda's FEEL engine with a memory of what it parsed. */
	static final class ParsingOnce extends ScalaFeelEngine {

		private final Map<String, Either<Failure, ParsedExpression>> expressions = new ConcurrentHashMap<>();

		private final Map<String, Either<Failure, ParsedExpression>> unaryTests = new ConcurrentHashMap<>();

		ParsingOnce(List<FeelCustomFunctionProvider> functionProviders) {
			super(functionProviders);
		}

		@Override
		@SuppressWarnings("unchecked")
		public <T> T evaluateSimpleExpression(String expression, VariableContext variableContext) {
			CustomContext context = new CustomContext() {

				@Override
				public VariableProvider variableProvider() {
					return new ContextVariableWrapper(variableContext);
				}

			};
			return (T) evaluate(parsed(this.expressions, expression, this.feelEngine::parseExpression), context);
		}

		@Override
		public boolean evaluateSimpleUnaryTests(String expression, String inputVariable,
				VariableContext variableContext) {
			StaticVariableProvider input = new StaticVariableProvider(
					new Map1<>(UnaryTests$.MODULE$.inputVariable(), inputVariable));
			ContextVariableWrapper variables = new ContextVariableWrapper(variableContext);
			CustomContext context = new CustomContext() {

				@Override
				public VariableProvider variableProvider() {
					return new CompositeVariableProvider(toScalaList(input, variables));
				}

			};
			return BoxesRunTime.unboxToBoolean(
					evaluate(parsed(this.unaryTests, expression, this.feelEngine::parseUnaryTests), context));
		}

		private Object evaluate(Either<Failure, ParsedExpression> parsed, CustomContext context) {
			if (parsed instanceof Left<Failure, ParsedExpression> failed) {
				throw LOGGER.evaluationException(failed.value().message());
			}
			Either<Failure, Object> result = this.feelEngine.eval(((Right<Failure, ParsedExpression>) parsed).value(),
					context);
			if (result instanceof Left<Failure, Object> failed) {
				throw LOGGER.evaluationException(failed.value().message());
			}
			return ((Right<Failure, Object>) result).value();
		}

		private static Either<Failure, ParsedExpression> parsed(Map<String, Either<Failure, ParsedExpression>> memory,
				String expression, Function<String, Either<Failure, ParsedExpression>> parser) {
			Either<Failure, ParsedExpression> known = memory.get(expression);
			if (known != null) {
				return known;
			}
			if (memory.size() >= CAPACITY) {
				memory.clear();
			}
			return memory.computeIfAbsent(expression, parser);
		}

	}

}

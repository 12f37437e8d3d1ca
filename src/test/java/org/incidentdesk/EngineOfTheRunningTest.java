package org.incidentdesk;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Camunda's REST API and webapps find their engine by name ("default") in a static
 * registry ({@link ProcessEngines}), which every application context of the suite writes
 * to when it starts and clears when it closes. Before each test class and method this
 * puts the engine of the test's own context back in, so that {@code /engine-rest} and the
 * webapps talk to the same engine and database as the test, whichever contexts were made
 * or closed before; no test needs a fresh context for that. Registered for every test in
 * {@code META-INF/spring.factories}.
 */
public class EngineOfTheRunningTest implements TestExecutionListener {

	@Override
	public void beforeTestClass(TestContext testContext) {
		// Loads the class's context now, so that @BeforeAll methods find its engine too.
		register(testContext.getApplicationContext());
	}

	@Override
	public void beforeTestMethod(TestContext testContext) {
		register(testContext.getApplicationContext());
	}

	private static void register(ApplicationContext context) {
		ProcessEngine engine = context.getBeanProvider(ProcessEngine.class).getIfAvailable();
		if (engine != null && ProcessEngines.getProcessEngine(engine.getName(), false) != engine) {
			ProcessEngines.registerProcessEngine(engine);
		}
	}

}

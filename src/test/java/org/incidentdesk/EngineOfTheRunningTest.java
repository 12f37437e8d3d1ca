package org.incidentdesk;

import org.camunda.bpm.admin.Admin;
import org.camunda.bpm.admin.impl.DefaultAdminRuntimeDelegate;
import org.camunda.bpm.cockpit.Cockpit;
import org.camunda.bpm.cockpit.impl.DefaultCockpitRuntimeDelegate;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.tasklist.Tasklist;
import org.camunda.bpm.tasklist.impl.DefaultTasklistRuntimeDelegate;
import org.camunda.bpm.welcome.Welcome;
import org.camunda.bpm.welcome.impl.DefaultWelcomeRuntimeDelegate;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Camunda's REST API and webapps find their engine by name ("default") in a static
 * registry ({@link ProcessEngines}), which every application context of the suite writes
 * to when it starts and clears when it closes; the webapps also keep static runtime
 * delegates (Cockpit, Tasklist, Admin, Welcome) that a closing context sets to nothing
 * and that cache the engine's command executor. Before each test class, and before each
 * test method whose engine is no longer the registered one, this puts the test's own
 * engine back and gives the webapps fresh delegates, so that {@code /engine-rest} and the
 * webapps talk to the same engine and database as the test, whichever contexts were made
 * or closed before: no test needs a fresh context for that. Registered for every Spring
 * test in {@code META-INF/spring.factories}.
 */
public class EngineOfTheRunningTest implements TestExecutionListener {

	@Override
	public void beforeTestClass(TestContext testContext) {
		// Loads the class's context now, so that @BeforeAll methods find its engine too.
		register(testContext.getApplicationContext(), true);
	}

	@Override
	public void beforeTestMethod(TestContext testContext) {
		register(testContext.getApplicationContext(), false);
	}

	private static void register(ApplicationContext context, boolean always) {
		ProcessEngine engine = context.getBeanProvider(ProcessEngine.class).getIfAvailable();
		if (engine == null) {
			return;
		}
		boolean registered = ProcessEngines.getProcessEngines().get(engine.getName()) == engine;
		if (registered && !always) {
			return;
		}
		ProcessEngines.registerProcessEngine(engine);
		Cockpit.setCockpitRuntimeDelegate(new DefaultCockpitRuntimeDelegate());
		Tasklist.setTasklistRuntimeDelegate(new DefaultTasklistRuntimeDelegate());
		Admin.setAdminRuntimeDelegate(new DefaultAdminRuntimeDelegate());
		Welcome.setRuntimeDelegate(new DefaultWelcomeRuntimeDelegate());
	}

}

package org.incidentdesk.incident.process;

import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.task.Task;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.TestReports;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tasklist's texts of an incident are in the runtime, where Tasklist reads them, and not
 * in the history; the variables they are derived from are in both, with every change.
 */
@IncidentDeskTest
class DerivedTextsHistoryTests {

	@Autowired
	IncidentService incidents;

	@Autowired
	RuntimeService runtime;

	@Autowired
	TaskService tasks;

	@Autowired
	HistoryService history;

	@Test
	void tasklistsTextsAreNotInTheHistoryAndWhatTheyComeFromIs() {
		Incident incident = this.incidents
			.report(TestReports.report("Scanner jams on every page").by("acme", "alice").build());
		String instance = this.runtime.createProcessInstanceQuery()
			.processInstanceBusinessKey(incident.number())
			.singleResult()
			.getId();
		Task triage = this.tasks.createTaskQuery().processInstanceId(instance).singleResult();

		// Tasklist still finds its texts: the process's and the task's own
		assertThat(this.runtime.getVariable(instance, Var.PRIORITY_LABEL)).asString().matches("P[1-5] \\w+");
		assertThat(this.runtime.getVariable(instance, Var.SLA_DUE)).asString().startsWith("Respond by");
		assertThat(this.tasks.getVariableLocal(triage.getId(), Var.CALLER_NAME)).isNotNull();
		assertThat(this.tasks.getVariableLocal(triage.getId(), Var.CATEGORY_NAME)).isNotNull();

		// The history has what they come from, not the texts
		List<String> historic = this.history.createHistoricVariableInstanceQuery()
			.processInstanceId(instance)
			.list()
			.stream()
			.map(HistoricVariableInstance::getName)
			.toList();
		assertThat(historic).contains(Var.PRIORITY, Var.RESPONSE_DUE_AT, Var.RESOLUTION_DUE_AT, Var.CALLER_ID)
			.doesNotContainAnyElementsOf(DerivedTextsOutOfHistory.DERIVED);
		assertThat(this.history.createHistoricDetailQuery()
			.processInstanceId(instance)
			.variableUpdates()
			.list()
			.stream()
			.map((detail) -> ((HistoricVariableUpdate) detail).getVariableName())).contains(Var.PRIORITY)
			.doesNotContainAnyElementsOf(DerivedTextsOutOfHistory.DERIVED);
	}

}

package org.incidentdesk.incident.process;

import org.incidentdesk.TestReports;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.willThrow;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.incident.Channel;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentRecords;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.Level;
import org.incidentdesk.incident.ReportIncident;
import org.incidentdesk.incident.process.IncidentProcess.Element;
import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * A step that notifies people runs after a save point with retries: when it keeps
 * failing, the failure becomes a Camunda incident an operator sees in Cockpit, and the
 * rest of the incident's work is untouched.
 */
@IncidentDeskTest
class FailingNotificationTests {

	@MockitoSpyBean
	Escalations escalations;

	@Autowired
	IncidentService incidents;

	@Autowired
	IncidentRecords records;

	@Autowired
	RuntimeService runtime;

	@Autowired
	ManagementService management;

	@Test
	void aWarningThatCannotBeSentBecomesAVisibleIncidentAfterItsRetries() {
		// Given an incident whose SLA warning cannot be delivered
		Incident incident = this.incidents
			.report(TestReports.report("Scanner not found").description(null).category("hardware").build());
		String pi = incident.processInstanceId();
		willThrow(new IllegalStateException("notification store unavailable")).given(this.escalations)
			.warnIncidentManager(anyString());

		// When the warning timer fires and the warning step fails three times
		execute(Element.BOUNDARY_EVENT_RESOLUTION_SLA_WARNING, pi);
		for (int attempt = 1; attempt <= 3; attempt++) {
			assertThatThrownBy(() -> execute(Element.TASK_WARN_INCIDENT_MANAGER, pi))
				.hasMessageContaining("notification store unavailable");
		}

		// Then the retries are used up and a Camunda incident says why
		Job failed = job(Element.TASK_WARN_INCIDENT_MANAGER, pi);
		assertThat(failed.getRetries()).isZero();
		assertThat(failed.getExceptionMessage()).contains("notification store unavailable");
		assertThat(this.runtime.createIncidentQuery().processInstanceId(pi).count()).isEqualTo(1);

		// And nothing else was lost: the triage work waits, and no warning was recorded
		// as sent
		assertThat(this.records.get(incident.number()).state().isOpen()).isTrue();
		assertThat(this.runtime.getVariable(pi, Var.SLA_WARNING_SENT)).isEqualTo(false);
		assertThat(this.runtime.createExecutionQuery()
			.processInstanceId(pi)
			.activityId(Element.TASK_TRIAGE_INCIDENT)
			.count()).isEqualTo(1);
	}

	private Job job(String activityId, String processInstanceId) {
		return this.management.createJobQuery()
			.processInstanceId(processInstanceId)
			.activityId(activityId)
			.singleResult();
	}

	private void execute(String activityId, String processInstanceId) {
		this.management.executeJob(job(activityId, processInstanceId).getId());
	}

}

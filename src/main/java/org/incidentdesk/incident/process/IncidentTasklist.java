package org.incidentdesk.incident.process;

import java.util.List;

import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.incidentdesk.tenancy.TasklistProcess;
import org.incidentdesk.tenancy.TasklistProcess.ListCardVariable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tells {@code tenancy}'s grants which process the work groups work in Tasklist, and what
 * a task's list card shows: the priority with its word and the next SLA due date first (a
 * collapsed card shows its first variables only), then the incident's number and summary.
 */
@Configuration
class IncidentTasklist {

	@Bean
	TasklistProcess incidentTasklistProcess() {
		return new TasklistProcess(IncidentProcess.PROCESS_ID, List.of(
				new ListCardVariable(Var.PRIORITY_LABEL, "Priority"), new ListCardVariable(Var.SLA_DUE, "SLA due"),
				new ListCardVariable(Var.INCIDENT_NUMBER, "Incident"), new ListCardVariable(Var.SUMMARY, "Summary")),
				// the raw priority, which cards showed up to issue 15
				List.of(Var.PRIORITY));
	}

}

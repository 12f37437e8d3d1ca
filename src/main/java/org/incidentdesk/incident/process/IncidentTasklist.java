package org.incidentdesk.incident.process;

import java.util.List;

import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.incidentdesk.tenancy.TasklistProcess;
import org.incidentdesk.tenancy.TasklistProcess.ListCardVariable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tells {@code tenancy}'s grants which process the work groups work in Tasklist, and what
 * a task's list card shows: the incident's number, summary and priority.
 */
@Configuration
class IncidentTasklist {

	@Bean
	TasklistProcess incidentTasklistProcess() {
		return new TasklistProcess(IncidentProcess.PROCESS_ID,
				List.of(new ListCardVariable(Var.INCIDENT_NUMBER, "Incident"),
						new ListCardVariable(Var.SUMMARY, "Summary"), new ListCardVariable(Var.PRIORITY, "Priority")));
	}

}

package org.incidentdesk.incident.process;

import org.incidentdesk.TestReports;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.Job;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.incident.Channel;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.Level;
import org.incidentdesk.incident.ReportIncident;
import org.incidentdesk.incident.process.IncidentProcess.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A process owner changes a decision table and redeploys it, as from Camunda Modeler: new
 * incidents follow the new table, SLA timers included, with no Java change.
 */
@IncidentDeskTest
class ModelChangesTests {

	@Autowired
	RepositoryService repository;

	@Autowired
	RuntimeService runtime;

	@Autowired
	ManagementService management;

	@Autowired
	IncidentService incidents;

	@Test
	void aRedeployedSlaTableRetimesTheSlaOfNewIncidents() throws IOException {
		// Given the process owner gives P2 (around the clock) an hour to respond instead
		// of
		// half an hour
		String table = Files.readString(Path.of("processes", "SlaTargets.dmn"), StandardCharsets.UTF_8);
		String changed = table.replaceFirst("\"PT30M\"", "\"PT1H\"");
		assertThat(changed).isNotEqualTo(table);

		Deployment deployment = deploy("SlaTargets.dmn", changed);
		try {
			// When a P2 incident is reported
			Incident incident = report("Shared calendar shows old entries", "email", Level.HIGH, Level.MEDIUM);

			// Then its response due time and its response timer follow the new table
			assertThat(incident.priority()).isEqualTo("P2");
			assertThat(Duration.between(incident.createdAt(), incident.responseDueAt())).isEqualTo(Duration.ofHours(1));
			Job responseTimer = this.management.createJobQuery()
				.processInstanceId(incident.processInstanceId())
				.activityId(Element.BOUNDARY_EVENT_RESPONSE_SLA_DUE)
				.singleResult();
			assertThat(responseTimer.getDuedate().toInstant()).isEqualTo(incident.responseDueAt().toInstant());
		}
		finally {
			this.repository.deleteDeployment(deployment.getId(), true);
		}

		// And once the change is withdrawn, new incidents are back to the original table
		Incident later = report("Shared calendar still old", "email", Level.HIGH, Level.MEDIUM);
		assertThat(Duration.between(later.createdAt(), later.responseDueAt())).isEqualTo(Duration.ofMinutes(30));
	}

	@Test
	void aRedeployedRoutingTableSendsNewIncidentsToAnotherTeam() throws IOException {
		// Given the process owner routes network incidents to application support
		String table = Files.readString(Path.of("processes", "IncidentRouting.dmn"), StandardCharsets.UTF_8);
		String changed = table.replace("\"support-infrastructure\"", "\"support-applications\"");
		Deployment deployment = deploy("IncidentRouting.dmn", changed);
		try {
			// When a network incident is reported
			Incident incident = report("Branch VPN down", "network", Level.LOW, Level.LOW);

			// Then the routing default for escalation is the new team
			assertThat(this.runtime.getVariable(incident.processInstanceId(), IncidentProcess.Var.FIRST_TEAM))
				.isEqualTo("support-applications");
		}
		finally {
			this.repository.deleteDeployment(deployment.getId(), true);
		}
	}

	private Deployment deploy(String name, String content) {
		return this.repository.createDeployment().name("process owner change").addString(name, content).deploy();
	}

	private Incident report(String summary, String category, Level impact, Level urgency) {
		return this.incidents.report(TestReports.report(summary)
			.by("acme", "bob")
			.via(Channel.PHONE)
			.description(null)
			.category(category)
			.levels(impact, urgency)
			.build());
	}

}

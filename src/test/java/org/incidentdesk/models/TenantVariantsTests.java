package org.incidentdesk.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.incidentdesk.BothDatabases;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.TestReports;
import org.incidentdesk.incident.Channel;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentRecords;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.Level;
import org.incidentdesk.incident.process.IncidentProcess.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A process owner deploys a model with {@code tenant-id}, from Modeler: that customer
 * organisation's new incidents follow it, everybody else's the shared one, and only staff
 * who serve the organisation see it.
 */
@IncidentDeskTest
class TenantVariantsTests {

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
	};

	@Autowired
	TestRestTemplate http;

	@Autowired
	RepositoryService repository;

	@Autowired
	TaskService tasks;

	@Autowired
	IncidentService incidents;

	@Autowired
	ManagementService management;

	@Autowired
	IncidentRecords records;

	@BothDatabases
	@Test
	void aTableDeployedForOneCustomerTimesOnlyItsNewIncidents() throws IOException {
		// Given acme's contract gives P2 two hours to respond, not half an hour
		String table = ModelerUpload.model("SlaTargets.dmn").replaceFirst("\"PT30M\"", "\"PT2H\"");
		ResponseEntity<Map<String, Object>> deployed = deploy("acme", Map.of("SlaTargets.dmn", table));
		assertThat(deployed.getStatusCode()).isEqualTo(HttpStatus.OK);
		try {
			// When a P2 incident is reported at acme and one at globex
			Incident acme = report("acme", "bob", "Scanner skips pages", Level.HIGH);
			Incident globex = report("globex", "dodi", "Scanner skips pages", Level.HIGH);

			// Then acme's follows acme's table, and globex's the shared one
			assertThat(acme.priority()).isEqualTo("P2");
			assertThat(Duration.between(acme.createdAt(), acme.responseDueAt())).isEqualTo(Duration.ofHours(2));
			assertThat(Duration.between(globex.createdAt(), globex.responseDueAt())).isEqualTo(Duration.ofMinutes(30));
		}
		finally {
			this.repository.deleteDeployment((String) deployed.getBody().get("id"), true);
		}
	}

	@BothDatabases
	@Test
	void aDiagramDeployedForOneCustomerRunsItsNewIncidentsAndOnlyItsStaffSeeIt() throws IOException {
		// Given acme's variant of the diagram names its triage differently
		String diagram = ModelerUpload.model("IncidentManagement.bpmn")
			.replace("name=\"Triage incident\"", "name=\"Triage acme incident\"");
		ResponseEntity<Map<String, Object>> deployed = deploy("acme", Map.of("IncidentManagement.bpmn", diagram));
		assertThat(deployed.getStatusCode()).isEqualTo(HttpStatus.OK);
		try {
			// When an incident is reported at acme and one at globex
			Task acme = triageOf(report("acme", "bob", "Badge reader beeps twice"));
			Task globex = triageOf(report("globex", "dodi", "Badge reader beeps twice"));

			// Then acme's runs the variant, shown with its tenant, and globex's the
			// shared one
			assertThat(acme.getName()).isEqualTo("Triage acme incident");
			assertThat(acme.getTenantId()).isEqualTo("acme");
			assertThat(this.repository.getProcessDefinition(acme.getProcessDefinitionId()).getTenantId())
				.isEqualTo("acme");
			assertThat(globex.getName()).isEqualTo("Triage incident");
			assertThat(this.repository.getProcessDefinition(globex.getProcessDefinitionId()).getTenantId()).isNull();

			// And the variant is seen by staff who serve acme, not by globex's
			// technicians
			String query = "/engine-rest/process-definition?key=IncidentManagement&tenantIdIn=acme";
			assertThat(this.http.withBasicAuth("sam", "demo").exchange(query, HttpMethod.GET, null, LIST).getBody())
				.hasSize(1);
			assertThat(this.http.withBasicAuth("tari", "demo").exchange(query, HttpMethod.GET, null, LIST).getBody())
				.isEmpty();
		}
		finally {
			this.repository.deleteDeployment((String) deployed.getBody().get("id"), true);
		}
	}

	@Test
	void aVariantForNoKnownCustomerOrWithFormsIsRefused() throws IOException {
		long before = this.repository.createDeploymentQuery().count();

		ResponseEntity<Map<String, Object>> unknown = deploy("nowhere",
				Map.of("SlaTargets.dmn", ModelerUpload.model("SlaTargets.dmn")));
		assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat((String) unknown.getBody().get("message")).contains("There is no customer organisation 'nowhere'");

		ResponseEntity<Map<String, Object>> withForm = deploy("acme",
				Map.of("triage-incident.form", ModelerUpload.model("triage-incident.form")));
		assertThat(withForm.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat((String) withForm.getBody().get("message"))
			.contains("'triage-incident.form' is a form, and forms are shared by every customer organisation");

		assertThat(this.repository.createDeploymentQuery().count()).isEqualTo(before);
	}

	@BothDatabases
	@Test
	void aReportIsKeptWhenABrokenTableFailsItsClassificationAndClassifiedWhenTheTableIsFixed() throws IOException {
		// Given acme's priority table lost its rule for medium impact and medium urgency
		String complete = ModelerUpload.model("IncidentPriority.dmn");
		String broken = complete.replaceFirst("(?s)<rule id=\"Rule_MediumMedium\">.*?</rule>", "");
		assertThat(broken).isNotEqualTo(complete);
		ResponseEntity<Map<String, Object>> deployed = deploy("acme", Map.of("IncidentPriority.dmn", broken));
		assertThat(deployed.getStatusCode()).isEqualTo(HttpStatus.OK);
		ResponseEntity<Map<String, Object>> fixed = null;
		try {
			// When bob reports a medium incident, which the table cannot classify
			HttpHeaders headers = new HttpHeaders();
			headers.setContentType(MediaType.APPLICATION_JSON);
			String body = """
					{"tenantId":"acme","callerId":"bob","channel":"PORTAL","category":"hardware",
					 "summary":"Label printer prints blank labels","description":"Since the update.",
					 "impact":"MEDIUM","urgency":"MEDIUM"}
					""";
			ResponseEntity<Map<String, Object>> answer = this.http.withBasicAuth("bob", "demo")
				.exchange("/api/v1/incidents", HttpMethod.POST, new HttpEntity<>(body, headers), MAP);

			// Then the report is taken all the same, not classified
			assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
			String number = (String) answer.getBody().get("number");
			assertThat(answer.getBody().get("priority")).isNull();
			Incident stored = this.records.get(number);
			assertThat(stored.summary()).isEqualTo("Label printer prints blank labels");
			assertThat(stored.priority()).isNull();

			// And the failure is on the job, for Cockpit, with the next try a minute on
			Job job = classificationJob(stored);
			assertThat(job.getExceptionMessage()).contains("The decision IncidentPriority has no rule for");
			assertThat(job.getRetries()).isEqualTo(2);
			assertThat(job.getDuedate()).isAfter(new Date());

			// And the service desk cannot resolve it at triage yet, and is told why
			ResponseEntity<Map<String, Object>> resolved = this.http.withBasicAuth("sam", "demo")
				.exchange("/api/v1/incidents/" + number + "/resolve", HttpMethod.POST, new HttpEntity<>(
						Map.of("resolutionCode", "SOLVED_PERMANENTLY", "resolutionNotes", "Reinstalled the driver."),
						headers), MAP);
			assertThat(resolved.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
			assertThat((String) resolved.getBody().get("detail")).contains(number + " is not classified yet")
				.contains("its classification failed");
			// without spending a try of the job's
			assertThat(classificationJob(stored).getRetries()).isEqualTo(2);

			// When the process owner deploys the complete table again, and the job runs
			// again
			fixed = deploy("acme", Map.of("IncidentPriority.dmn", complete));
			assertThat(fixed.getStatusCode()).isEqualTo(HttpStatus.OK);
			this.management.executeJob(classificationJob(stored).getId());

			// Then the incident is classified and waits for its triage
			Incident classified = this.records.get(number);
			assertThat(classified.priority()).isEqualTo("P3");
			assertThat(triageOf(classified)).isNotNull();
			assertThat(classificationJob(classified)).isNull();
		}
		finally {
			this.repository.deleteDeployment((String) deployed.getBody().get("id"), true);
			if (fixed != null && fixed.getBody() != null && fixed.getBody().get("id") != null) {
				this.repository.deleteDeployment((String) fixed.getBody().get("id"), true);
			}
		}
	}

	private Job classificationJob(Incident incident) {
		return this.management.createJobQuery()
			.processInstanceId(incident.processInstanceId())
			.activityId(Element.TASK_CLASSIFY_INCIDENT)
			.singleResult();
	}

	private Task triageOf(Incident incident) {
		return this.tasks.createTaskQuery()
			.processInstanceId(incident.processInstanceId())
			.taskDefinitionKey(Element.TASK_TRIAGE_INCIDENT)
			.singleResult();
	}

	private Incident report(String tenant, String caller, String summary) {
		return report(tenant, caller, summary, Level.MEDIUM);
	}

	private Incident report(String tenant, String caller, String summary, Level impact) {
		return this.incidents.report(TestReports.report(summary)
			.by(tenant, caller)
			.via(Channel.PHONE)
			.category("hardware")
			.levels(impact, Level.MEDIUM)
			.build());
	}

	private ResponseEntity<Map<String, Object>> deploy(String tenant, Map<String, String> files) {
		return ModelerUpload.deploy(this.http, tenant, files);
	}

}

package org.incidentdesk.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.incidentdesk.BothDatabases;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.TestReports;
import org.incidentdesk.incident.Channel;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentService;
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
 * A process owner deploys from Camunda Modeler, which posts to
 * {@code /engine-rest/deployment/create}: what works keeps working, and what would break
 * production is refused with a 400 that says where, with nothing deployed.
 */
@IncidentDeskTest
class ModelerDeploymentTests {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@Autowired
	TestRestTemplate http;

	@Autowired
	RepositoryService repository;

	@Autowired
	TaskService tasks;

	@Autowired
	IncidentService incidents;

	@BothDatabases
	@Test
	void aDiagramDeployedWithoutItsFormsKeepsEveryFormWorking() throws IOException {
		// Given the process owner deploys the diagram alone, as Modeler does by default
		ResponseEntity<Map<String, Object>> deployed = deploy(
				Map.of("IncidentManagement.bpmn", model("IncidentManagement.bpmn")));
		assertThat(deployed.getStatusCode()).isEqualTo(HttpStatus.OK);
		String deploymentId = (String) deployed.getBody().get("id");
		try {
			// When an incident starts on the new version
			Incident incident = report("Calendar invites arrive twice");
			assertThat(this.repository.getProcessDefinition(processDefinitionOf(incident)).getDeploymentId())
				.isEqualTo(deploymentId);

			// Then Tasklist finds the triage form for it
			Task triage = taskOf(incident, Element.TASK_TRIAGE_INCIDENT);
			ResponseEntity<Map<String, Object>> form = this.http.withBasicAuth("sam", "demo")
				.exchange("/engine-rest/task/" + triage.getId() + "/deployed-form", HttpMethod.GET, null, JSON);
			assertThat(form.getStatusCode()).isEqualTo(HttpStatus.OK);
			assertThat(form.getBody()).containsEntry("id", "triage-incident");
		}
		finally {
			this.repository.deleteDeployment(deploymentId, true);
		}
	}

	@Test
	void aDecisionTableThatIsNotWellFormedIsRefusedWithLineAndColumn() throws IOException {
		long before = this.repository.createDeploymentQuery().count();
		String broken = model("SlaTargets.dmn").replaceFirst("</rule>", "</rul>");

		ResponseEntity<Map<String, Object>> refused = deploy(Map.of("SlaTargets.dmn", broken));

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat((String) refused.getBody().get("message")).contains("'SlaTargets.dmn' is not well-formed XML: line")
			.contains("column")
			.startsWith("Nothing was deployed");
		assertThat(problems(refused, "SlaTargets.dmn")).first()
			.satisfies(problem -> assertThat((Integer) problem.get("line")).isGreaterThan(1));
		assertThat(this.repository.createDeploymentQuery().count()).isEqualTo(before);
	}

	@Test
	void aDiagramThatIsNotWellFormedIsRefusedWithLineAndColumn() throws IOException {
		long before = this.repository.createDeploymentQuery().count();
		String broken = model("IncidentManagement.bpmn").replaceFirst("<bpmn:process ", "<bpmn:process <");

		ResponseEntity<Map<String, Object>> refused = deploy(
				Map.of("IncidentManagement.bpmn", broken, "SlaTargets.dmn", model("SlaTargets.dmn")));

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat((String) refused.getBody().get("message"))
			.contains("'IncidentManagement.bpmn' is not well-formed XML: line");
		assertThat(this.repository.createDeploymentQuery().count()).isEqualTo(before);
	}

	@BothDatabases
	@Test
	void aRuleWithABrokenExpressionIsRefusedNamingTableRuleAndColumn() throws IOException {
		long before = this.repository.createDeploymentQuery().count();
		String broken = model("SlaTargets.dmn").replace("\"PT40H\"", "\"PT40H");
		assertThat(broken).isNotEqualTo(model("SlaTargets.dmn"));

		ResponseEntity<Map<String, Object>> refused = deploy(Map.of("SlaTargets.dmn", broken));

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat((String) refused.getBody().get("message"))
			.contains("decision table 'SLA targets' (SlaTargets), rule 5 (Rule_P5), output column "
					+ "'Resolution time (resolutionTime)'")
			.contains("is not valid FEEL");
		assertThat(problems(refused, "SlaTargets.dmn")).first()
			.satisfies(problem -> assertThat(problem.get("mainElementId")).isEqualTo("Rule_P5"));
		assertThat(this.repository.createDeploymentQuery().count()).isEqualTo(before);

		// And new P5 incidents still get their SLA from the table that was there
		Incident incident = report("Wallpaper request", org.incidentdesk.incident.Level.LOW,
				org.incidentdesk.incident.Level.LOW);
		assertThat(incident.resolutionDueAt()).isNotNull();
	}

	@Test
	void outputsTheApplicationReadsMustHoldWhatItCanUse() throws IOException {
		String sla = model("SlaTargets.dmn");
		assertThat(
				deploy(Map.of("SlaTargets.dmn", sla.replace("\"PT40H\"", "\"forty hours\""))).getBody().get("message"))
			.asString()
			.contains("rule 5 (Rule_P5)")
			.contains("is not an ISO-8601 duration");
		assertThat(deploy(Map.of("SlaTargets.dmn", sla.replace("\"PT15M\"", "\"-PT15M\""))).getBody().get("message"))
			.asString()
			.contains("rule 1 (Rule_P1)")
			.contains("must be a duration longer than zero");

		String priorities = model("IncidentPriority.dmn");
		String p6 = priorities.replaceFirst("<text>\"P1\"</text>", "<text>\"P6\"</text>");
		assertThat(p6).isNotEqualTo(priorities);
		ResponseEntity<Map<String, Object>> refused = deploy(Map.of("IncidentPriority.dmn", p6));
		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat((String) refused.getBody().get("message")).contains("must be one of \"P1\", \"P2\"");

		String routing = model("IncidentRouting.dmn").replace("\"support-infrastructure\"", "\"support-nowhere\"");
		refused = deploy(Map.of("IncidentRouting.dmn", routing));
		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat((String) refused.getBody().get("message"))
			.contains("«\"support-nowhere\"» names no team that exists");
	}

	@Test
	void aDiagramWhoseTaskHasNoFormItCanShowIsRefusedNamingTheTask() throws IOException {
		String diagram = model("IncidentManagement.bpmn");

		String missingForm = diagram.replace("camunda:formRef=\"triage-incident\"", "camunda:formRef=\"triage-v2\"");
		ResponseEntity<Map<String, Object>> refused = deploy(Map.of("IncidentManagement.bpmn", missingForm));
		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat((String) refused.getBody().get("message"))
			.contains("user task 'Triage incident' (Task_TriageIncident) shows the form 'triage-v2'")
			.contains("no form with that id is deployed");

		String formless = diagram.replace("camunda:formRef=\"triage-incident\" camunda:formRefBinding=\"latest\"", "");
		assertThat(formless).isNotEqualTo(diagram);
		refused = deploy(Map.of("IncidentManagement.bpmn", formless));
		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat((String) refused.getBody().get("message"))
			.contains("user task 'Triage incident' (Task_TriageIncident) has no form");

		String boundToDeployment = diagram.replace(
				"camunda:formRef=\"triage-incident\" camunda:formRefBinding=\"latest\"",
				"camunda:formRef=\"triage-incident\" camunda:formRefBinding=\"deployment\"");
		assertThat(boundToDeployment).isNotEqualTo(diagram);
		refused = deploy(Map.of("IncidentManagement.bpmn", boundToDeployment));
		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat((String) refused.getBody().get("message"))
			.contains("(Task_TriageIncident) takes its form 'triage-incident' from the same deployment");
	}

	@Test
	void aTierAddedInTheModelWorksWithoutJava() throws IOException {
		// Given the process owner adds a "Quality check" task with its own form before
		// resolution starts, copying the outcome listener of the other tasks
		String diagram = model("IncidentManagement.bpmn")
			.replace("<bpmn:incoming>Flow_KnowledgeLookedUp</bpmn:incoming>",
					"<bpmn:incoming>Flow_QualityChecked</bpmn:incoming>")
			.replace(
					"<bpmn:sequenceFlow id=\"Flow_KnowledgeLookedUp\" sourceRef=\"Task_LookUpKnowledge\" targetRef=\"Gateway_JoinResolution\" />",
					"""
							<bpmn:sequenceFlow id="Flow_KnowledgeLookedUp" sourceRef="Task_LookUpKnowledge" targetRef="Task_QualityCheck" />
							<bpmn:userTask id="Task_QualityCheck" name="Quality check" camunda:candidateGroups="service-desk" camunda:formRef="quality-check" camunda:formRefBinding="latest">
							  <bpmn:extensionElements>
							    <camunda:taskListener delegateExpression="${taskOutcomeValidator}" event="complete" />
							  </bpmn:extensionElements>
							  <bpmn:incoming>Flow_KnowledgeLookedUp</bpmn:incoming>
							  <bpmn:outgoing>Flow_QualityChecked</bpmn:outgoing>
							</bpmn:userTask>
							<bpmn:sequenceFlow id="Flow_QualityChecked" sourceRef="Task_QualityCheck" targetRef="Gateway_JoinResolution" />
							""");
		String form = """
				{"id": "quality-check", "type": "default", "schemaVersion": 16, "components": [
				  {"id": "Field_QualityNote", "key": "qualityNote", "label": "What did you check?", "type": "textfield",
				   "validate": {"required": true}}]}
				""";
		ResponseEntity<Map<String, Object>> deployed = deploy(
				Map.of("IncidentManagement.bpmn", diagram, "quality-check.form", form));
		assertThat(deployed.getStatusCode()).isEqualTo(HttpStatus.OK);
		String deploymentId = (String) deployed.getBody().get("id");
		try {
			// When an incident reaches the new task
			Incident incident = report("Printer tray 2 squeaks");
			Task check = taskOf(incident, "Task_QualityCheck");
			assertThat(check).isNotNull();

			// Then a completion without the field its form requires is refused, saying
			// which
			ResponseEntity<Map<String, Object>> refused = complete(check, "{\"variables\": {}}");
			assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat((String) refused.getBody().get("message")).contains("Fill in qualityNote.");
			assertThat(taskOf(incident, "Task_QualityCheck")).isNotNull();

			// And one with it completes, and the incident goes on to triage
			ResponseEntity<Map<String, Object>> done = complete(check,
					"{\"variables\": {\"qualityNote\": {\"value\": \"Tray checked\"}}}");
			assertThat(done.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
			assertThat(taskOf(incident, "Task_QualityCheck")).isNull();
			assertThat(taskOf(incident, Element.TASK_TRIAGE_INCIDENT)).isNotNull();
		}
		finally {
			this.repository.deleteDeployment(deploymentId, true);
		}
	}

	private ResponseEntity<Map<String, Object>> complete(Task task, String body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return this.http.withBasicAuth("sam", "demo")
			.exchange("/engine-rest/task/" + task.getId() + "/complete", HttpMethod.POST,
					new HttpEntity<>(body, headers), JSON);
	}

	@Test
	void anotherProcessMayHaveATaskWithoutAForm() {
		String other = """
				<?xml version="1.0" encoding="UTF-8"?>
				<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
				    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_Other"
				    targetNamespace="http://bpmn.io/schema/bpmn">
				  <bpmn:process id="OtherProcess" isExecutable="true" camunda:historyTimeToLive="1">
				    <bpmn:startEvent id="Start" />
				    <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Task_Look" />
				    <bpmn:userTask id="Task_Look" name="Look at it" />
				    <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Look" targetRef="End" />
				    <bpmn:endEvent id="End" />
				  </bpmn:process>
				</bpmn:definitions>
				""".strip();

		ResponseEntity<Map<String, Object>> deployed = deploy(Map.of("Other.bpmn", other));

		assertThat(deployed.getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void onlyAdministratorsDeploy() throws IOException {
		ResponseEntity<Map<String, Object>> refused = ModelerUpload.deployAs(this.http, "sam", null,
				Map.of("SlaTargets.dmn", model("SlaTargets.dmn")));

		assertThat(refused.getStatusCode().is4xxClientError()).isTrue();
	}

	private ResponseEntity<Map<String, Object>> deploy(Map<String, String> files) {
		ResponseEntity<Map<String, Object>> answer = ModelerUpload.deploy(this.http, null, files);
		if (answer.getStatusCode().is2xxSuccessful() && !files.containsKey("IncidentManagement.bpmn")) {
			// A table that should have been refused must not stay for the other tests.
			this.repository.deleteDeployment((String) answer.getBody().get("id"), true);
		}
		return answer;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> problems(ResponseEntity<Map<String, Object>> answer, String resource) {
		Map<String, Object> details = (Map<String, Object>) answer.getBody().get("details");
		assertThat(details).as("the problems per resource").containsKey(resource);
		return (List<Map<String, Object>>) ((Map<String, Object>) details.get(resource)).get("errors");
	}

	static String model(String name) throws IOException {
		return ModelerUpload.model(name);
	}

	private Incident report(String summary) {
		return report(summary, org.incidentdesk.incident.Level.MEDIUM, org.incidentdesk.incident.Level.MEDIUM);
	}

	private Incident report(String summary, org.incidentdesk.incident.Level impact,
			org.incidentdesk.incident.Level urgency) {
		return this.incidents.report(TestReports.report(summary)
			.by("acme", "bob")
			.via(Channel.PHONE)
			.category("email")
			.levels(impact, urgency)
			.build());
	}

	private String processDefinitionOf(Incident incident) {
		return this.tasks.createTaskQuery()
			.processInstanceId(incident.processInstanceId())
			.list()
			.get(0)
			.getProcessDefinitionId();
	}

	private Task taskOf(Incident incident, String key) {
		return this.tasks.createTaskQuery()
			.processInstanceId(incident.processInstanceId())
			.taskDefinitionKey(key)
			.singleResult();
	}

}

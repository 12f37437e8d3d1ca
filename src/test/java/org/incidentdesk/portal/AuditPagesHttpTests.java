package org.incidentdesk.portal;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.incidentdesk.BothDatabases;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.history.Csv;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auditor's history view over HTTP with the portal's session (form login), on H2 and
 * PostgreSQL: who may open it (exactly whom the history API lets read the history), what
 * the page, the diagram and the CSV hold, the search and the timeline filter.
 */
@IncidentDeskTest
@BothDatabases
class AuditPagesHttpTests {

	private static final Pattern STEP_ROW = Pattern.compile("<tr data-activity=\"([^\"]+)\" data-count=\"(\\d+)\"");

	private static final Pattern TIMELINE_ROW = Pattern.compile("<tr data-kind=\"([^\"]+)\" data-source=\"([A-Z]+)\">");

	@LocalServerPort
	int port;

	@Autowired
	TestRestTemplate http;

	@Autowired
	ObjectMapper json;

	@Autowired
	RuntimeService runtime;

	@Autowired
	ManagementService management;

	@Autowired
	HistoryService history;

	@Autowired
	RepositoryService repository;

	ClosedIncidents incidents;

	@BeforeEach
	void fixture() {
		this.incidents = new ClosedIncidents(this.http, this.json, this.runtime, this.management);
	}

	@Test
	void theUsersWhoMayReadTheHistoryApiOpenThePageAndEveryoneElseGetsTheApisAnswer() {
		// Given a closed incident of acme
		String summary = "Audit access " + UUID.randomUUID();
		String number = this.incidents.closed(summary);

		// Then every user gets from the page, the diagram and the CSV what the history
		// API answers them: auditors, administrators, incident managers, the service
		// desk and acme's technicians read it; globex's technicians find nothing
		// there; callers, the incident's own included, are refused
		Map<String, Integer> expected = Map.of("audrey", 200, "demo", 200, "ines", 200, "sam", 200, "tom", 200, "tari",
				404, "alice", 403, "citra", 403);
		expected.forEach((user, status) -> {
			int api = this.incidents.send(user, HttpMethod.GET, "/api/v1/incidents/" + number + "/history", null)
				.getStatusCode()
				.value();
			assertThat(api).as("API for " + user).isEqualTo(status);
			PortalSession session = PortalSession.signedIn(this.port, user, "demo");
			for (String path : List.of("", "/diagram", "/history.csv")) {
				HttpResponse<String> page = session.get("/portal/audit/incidents/" + number + path);
				assertThat(page.statusCode()).as(user + " " + path).isEqualTo(status);
				if (status != 200) {
					assertThat(page.body()).as(user + " " + path).doesNotContain(summary);
				}
			}
		});

		// And callers are refused before the number is looked up, like the API does
		PortalSession alice = PortalSession.signedIn(this.port, "alice", "demo");
		HttpResponse<String> refused = alice.get("/portal/audit/incidents/INC9999999");
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).contains("for the service provider");
		assertThat(alice.get("/portal/audit/incidents").statusCode()).isEqualTo(403);
		assertThat(PortalSession.signedIn(this.port, "audrey", "demo")
			.get("/portal/audit/incidents/INC9999999")
			.statusCode()).isEqualTo(404);

		// And without a session the portal asks to sign in
		PortalSession anonymous = new PortalSession(this.port);
		for (String path : List.of("", "/diagram", "/history.csv")) {
			HttpResponse<String> page = anonymous.get("/portal/audit/incidents/" + number + path);
			assertThat(page.statusCode()).isEqualTo(302);
			assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/login");
		}
	}

	@Test
	void thePageShowsThePathTakenTheDecisionsAndTheIntactChain() {
		// Given a closed incident whose response timer fired before it was resolved at
		// triage
		String number = this.incidents.closed("Audit path " + UUID.randomUUID());

		// When the incident manager opens its history
		String page = PortalSession.signedIn(this.port, "ines", "demo").get("/portal/audit/incidents/" + number).body();

		// Then the steps taken are listed with how often, the timer among them, and the
		// work of a support team is not
		Map<String, Integer> steps = new java.util.LinkedHashMap<>();
		Matcher row = STEP_ROW.matcher(page);
		while (row.find()) {
			steps.put(row.group(1), Integer.parseInt(row.group(2)));
		}
		assertThat(steps).containsEntry("StartEvent_IncidentReported", 1)
			.containsEntry("Task_TriageIncident", 1)
			.containsEntry(ClosedIncidents.RESPONSE_TIMER, 1)
			.containsEntry("Task_ProposeTriageDecision", 1)
			.containsEntry("Task_ConfirmResolution", 1)
			.containsEntry("EndEvent_IncidentClosed", 1)
			.doesNotContainKey("Task_WorkOnIncident")
			.doesNotContainKey("BoundaryEvent_ResolutionSlaBreached");
		assertThat(page).containsPattern("data-activity=\"" + ClosedIncidents.RESPONSE_TIMER
				+ "\" data-count=\"1\" data-timer=\"true\" data-decision=\"false\"");
		assertThat(page).containsPattern(
				"data-activity=\"Task_ProposeTriageDecision\" data-count=\"1\" data-timer=\"false\" data-decision=\"true\"");

		// And every decision the engine recorded for the instance is listed with its
		// matched rules and outputs
		String processInstanceId = processInstanceOf(number).getId();
		List<HistoricDecisionInstance> decisions = this.history.createHistoricDecisionInstanceQuery()
			.processInstanceId(processInstanceId)
			.includeOutputs()
			.list();
		assertThat(decisions).isNotEmpty();
		for (HistoricDecisionInstance decision : decisions) {
			assertThat(page).contains("data-decision=\"" + decision.getDecisionDefinitionKey() + "\"");
			decision.getOutputs().forEach(output -> {
				assertThat(page).contains(">" + HtmlUtils.htmlEscape(output.getRuleId()) + "</code>");
				assertThat(page).contains(">" + HtmlUtils.htmlEscape(String.valueOf(output.getValue())) + "</span>");
			});
		}

		// And the chain of the record's timeline is intact, the process version named
		assertThat(page).contains("id=\"verification\"").contains("data-intact=\"true\"").contains("Intact: all");
		assertThat(page).contains("Process IncidentManagement, version ").contains("state COMPLETED");

		// And the timeline holds the record's and the process's entries
		List<String> kinds = new ArrayList<>();
		Matcher entry = TIMELINE_ROW.matcher(page);
		while (entry.find()) {
			kinds.add(entry.group(2) + ":" + entry.group(1));
		}
		assertThat(kinds).contains("RECORD:FIELD_CHANGE", "PROCESS:PROCESS_STARTED", "PROCESS:TIMER_FIRED",
				"PROCESS:PROCESS_ENDED");
	}

	@Test
	void theDiagramIsTheProcessVersionTheIncidentRanAndTheCsvIsTheApis() throws IOException {
		String number = this.incidents.closed("Audit export " + UUID.randomUUID());
		PortalSession auditor = PortalSession.signedIn(this.port, "audrey", "demo");

		// The diagram is the deployed XML of the version the instance ran
		HttpResponse<String> diagram = auditor.get("/portal/audit/incidents/" + number + "/diagram");
		assertThat(diagram.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/xml");
		String definitionId = processInstanceOf(number).getProcessDefinitionId();
		try (InputStream deployed = this.repository.getProcessModel(definitionId)) {
			assertThat(diagram.body()).isEqualTo(new String(deployed.readAllBytes(), StandardCharsets.UTF_8));
		}

		// The CSV is the history API's, as an attachment
		HttpResponse<String> csv = auditor.get("/portal/audit/incidents/" + number + "/history.csv");
		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
		assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow())
			.isEqualTo("attachment; filename=\"" + number + "-history.csv\"");
		ResponseEntity<String> api = this.incidents.send("audrey", HttpMethod.GET,
				"/api/v1/incidents/" + number + "/history?format=csv", null);
		assertThat(csv.body()).isEqualTo(api.getBody());
		List<List<String>> rows = Csv.parse(csv.body());
		assertThat(rows.get(0)).containsExactly("at", "source", "kind", "actor", "description", "field", "oldValue",
				"newValue", "hash");
		assertThat(rows).anyMatch(r -> r.get(2).equals("TIMER_FIRED"))
			.anyMatch(r -> r.get(4).contains(ClosedIncidents.RESOLUTION_NOTES));
	}

	@Test
	void theTimelineIsFilteredByKindActorAndText() {
		String number = this.incidents.closed("Audit filter " + UUID.randomUUID());
		PortalSession auditor = PortalSession.signedIn(this.port, "audrey", "demo");
		String base = "/portal/audit/incidents/" + number;
		int total = rows(auditor.get(base).body()).size();

		// By kind: only field changes
		String byKind = auditor.get(base + "?kind=FIELD_CHANGE").body();
		List<String> kinds = rows(byKind);
		assertThat(kinds).isNotEmpty().hasSizeLessThan(total).allMatch("FIELD_CHANGE"::equals);
		assertThat(byKind).contains(kinds.size() + " of " + total + " entries");

		// By actor: only alice's entries
		String byActor = auditor.get(base + "?actor=alice").body();
		assertThat(rows(byActor)).isNotEmpty().hasSizeLessThan(total);
		assertThat(
				Pattern.compile("class=\"entry-actor\"[^>]*>([^<]*)<").matcher(byActor).results().map(m -> m.group(1)))
			.isNotEmpty()
			.allMatch("alice"::equals);

		// By text, ignoring case
		String byText = auditor.get(base + "?q=power+CABLE").body();
		assertThat(rows(byText)).isNotEmpty().hasSizeLessThan(total);
		assertThat(Pattern.compile("class=\"text entry-description\">([^<]*)<")
			.matcher(byText)
			.results()
			.map(m -> HtmlUtils.htmlUnescape(m.group(1)))).isNotEmpty()
			.allMatch(text -> text.toLowerCase().contains("power cable"));

		// A filter that matches nothing shows no rows, and the page still answers
		String none = auditor.get(base + "?kind=FIELD_CHANGE&actor=nobody-at-all").body();
		assertThat(rows(none)).isEmpty();
		assertThat(none).contains("0 of " + total + " entries");
	}

	@Test
	void theSearchOpensAnIncidentByItsNumberOrDigits() {
		String number = this.incidents.report("Audit search " + UUID.randomUUID());
		PortalSession auditor = PortalSession.signedIn(this.port, "audrey", "demo");

		assertThat(auditor.get("/portal/audit/incidents").statusCode()).isEqualTo(200);
		for (String typed : List.of(number, number.toLowerCase(), String.valueOf(Long.parseLong(number.substring(3))),
				" " + number.substring(3) + " ")) {
			HttpResponse<String> found = auditor
				.get("/portal/audit/incidents?number=" + java.net.URLEncoder.encode(typed, StandardCharsets.UTF_8));
			assertThat(found.statusCode()).as(typed).isEqualTo(302);
			assertThat(found.headers().firstValue("Location").orElseThrow()).as(typed)
				.endsWith("/portal/audit/incidents/" + number);
		}
		HttpResponse<String> wrong = auditor.get("/portal/audit/incidents?number=printer");
		assertThat(wrong.statusCode()).isEqualTo(400);
		assertThat(wrong.body()).contains("That is not an incident number").contains("value=\"printer\"");

		// An open incident has its page too, the running step marked
		String open = auditor.get("/portal/audit/incidents/" + number).body();
		assertThat(open).contains("state ACTIVE")
			.containsPattern("data-activity=\"Task_TriageIncident\" data-count=\"1\"[^>]*data-active=\"true\"");
	}

	@Test
	void afterRetentionRemovedTheProcessHistoryThePageSaysSoAndKeepsTheTimeline() {
		// Given a closed incident whose process history is gone, as history cleanup
		// removes it after its time to live
		String number = this.incidents.closed("Audit retention " + UUID.randomUUID());
		this.history.deleteHistoricProcessInstance(processInstanceOf(number).getId());
		PortalSession auditor = PortalSession.signedIn(this.port, "audrey", "demo");

		// Then the page says why there is no path, and still shows the record's
		// timeline and its intact chain
		HttpResponse<String> page = auditor.get("/portal/audit/incidents/" + number);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("id=\"no-process\"")
			.contains("history cleanup removed it")
			.doesNotContain("id=\"diagram\"")
			.contains("data-intact=\"true\"");
		assertThat(rows(page.body())).contains("FIELD_CHANGE", "PROCESS_HISTORY_REMOVED");

		// And the diagram, whose version is no longer known, is not found
		assertThat(auditor.get("/portal/audit/incidents/" + number + "/diagram").statusCode()).isEqualTo(404);
	}

	private HistoricProcessInstance processInstanceOf(String number) {
		return this.history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(number).singleResult();
	}

	private static List<String> rows(String page) {
		return TIMELINE_ROW.matcher(page).results().map(m -> m.group(1)).toList();
	}

}

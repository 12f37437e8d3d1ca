package org.incidentdesk.classification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One test per rule of the decision tables in {@code processes/}, deployed on a real
 * (in-memory) engine as the application deploys them, and evaluated through its decision
 * service.
 */
@ExtendWith(ProcessEngineExtension.class)
@Deployment(resources = { "processes/IncidentPriority.dmn", "processes/SlaTargets.dmn", "processes/IncidentRouting.dmn",
		"processes/IncidentHandover.dmn", "processes/TriageDefault.dmn" })
class DecisionTablesTests {

	ProcessEngine engine;

	@ParameterizedTest(name = "impact {0} and urgency {1} give {2}")
	@CsvSource({ "HIGH,HIGH,P1", "HIGH,MEDIUM,P2", "MEDIUM,HIGH,P2", "HIGH,LOW,P3", "MEDIUM,MEDIUM,P3", "LOW,HIGH,P3",
			"MEDIUM,LOW,P4", "LOW,MEDIUM,P4", "LOW,LOW,P5" })
	void priorityMatrixRule(String impact, String urgency, String priority) {
		var result = evaluate("IncidentPriority", Variables.putValue("impact", impact).putValue("urgency", urgency));

		assertThat(result.getEntryMap()).containsEntry("priority", priority);
	}

	@ParameterizedTest(name = "{0}: respond within {1}, resolve within {2}, warn at {3}%, on the clock {4}")
	@CsvSource({ "P1,PT15M,PT4H,75,AROUND_THE_CLOCK", "P2,PT30M,PT8H,75,AROUND_THE_CLOCK",
			"P3,PT1H,PT8H,80,BUSINESS_HOURS", "P4,PT4H,PT24H,80,BUSINESS_HOURS", "P5,PT8H,PT40H,80,BUSINESS_HOURS" })
	void slaTargetRule(String priority, String response, String resolution, int warningPercent, String clock) {
		var result = evaluate("SlaTargets", Variables.putValue("priority", priority));

		assertThat(result.getEntryMap()).containsEntry("responseTime", response)
			.containsEntry("resolutionTime", resolution)
			.containsEntry("clock", clock);
		assertThat(((Number) result.getEntry("warningPercent")).intValue()).isEqualTo(warningPercent);
	}

	@ParameterizedTest(name = "category {0}, CI type {1}, {2} go first to {3}")
	@CsvSource(nullValues = "null",
			value = { "software,SERVICE,P1,vendor-systems", "network,null,P3,support-infrastructure",
					"other,NETWORK,P2,support-infrastructure", "hardware,null,P4,support-infrastructure",
					"other,HARDWARE,P3,support-infrastructure", "email,null,P3,support-applications",
					"other,SOFTWARE,P5,support-applications", "software,SERVICE,P2,support-applications",
					"other,null,P3,support-applications" })
	void routingRule(String category, String ciType, String priority, String firstTeam) {
		var result = evaluate("IncidentRouting",
				Variables.putValue("category", category).putValue("ciType", ciType).putValue("priority", priority));

		assertThat(result.getEntryMap()).containsEntry("firstTeam", firstTeam)
			.containsEntry("vendorTeam", "vendor-systems");
	}

	@ParameterizedTest(name = "{1} decided in {0} with team chosen {2} goes to {3} as {4}, {5}")
	@CsvSource(nullValues = "null", value = { "triage,ESCALATE,support-network,support-network,ESCALATION,REMOTE",
			"triage,ESCALATE,null,first-team,ESCALATION,REMOTE", "triage,ESCALATE,'',first-team,ESCALATION,REMOTE",
			"triage,DISPATCH_ONSITE,null,technicians-acme,DISPATCH,ONSITE",
			"support,ESCALATE,support-network,support-network,ESCALATION,REMOTE",
			"support,ESCALATE,null,vendor-team,ESCALATION,REMOTE",
			"support,TRANSFER,support-network,support-network,TRANSFER,REMOTE",
			"on-site,SEND_TO_VENDOR,null,vendor-team,ESCALATION,REMOTE" })
	void handoverRule(String decidedIn, String outcome, String chosenTeam, String group, String kind, String location) {
		var result = evaluate("IncidentHandover",
				Variables.putValue("decidedIn", decidedIn)
					.putValue("outcome", outcome)
					.putValue("chosenTeam", chosenTeam)
					.putValue("firstTeam", "first-team")
					.putValue("vendorTeam", "vendor-team")
					.putValue("tenantId", "acme"));

		assertThat(result.getEntryMap()).containsEntry("handoverTo", group)
			.containsEntry("handoverKind", kind)
			.containsEntry("workLocation", location);
	}

	@Test
	void aTransferWithoutAChosenTeamHasNoHandover() {
		var result = evaluate("IncidentHandover",
				Variables.putValue("decidedIn", "support")
					.putValue("outcome", "TRANSFER")
					.putValue("chosenTeam", null)
					.putValue("firstTeam", "first-team")
					.putValue("vendorTeam", "vendor-team")
					.putValue("tenantId", "acme"));

		assertThat((Object) result).isNull();
	}

	@ParameterizedTest(name = "remotely serviceable {0}, technicians {1}: triage proposes {2}")
	@CsvSource(nullValues = "null", value = { "false,technicians-acme,DISPATCH_ONSITE", "false,null,null",
			"true,technicians-acme,null", "true,null,null" })
	void triageDefaultRule(boolean remotelyServiceable, String technicians, String proposal) {
		var result = evaluate("TriageDefault", Variables.putValue("remotelyServiceable", remotelyServiceable)
			.putValue("onSiteTechnicians", technicians));

		Object proposed = (result != null) ? result.getEntry("triageDecision") : null;
		assertThat(proposed).isEqualTo(proposal);
	}

	@Test
	void everyPriorityHasSlaTargets() {
		for (String priority : new String[] { "P1", "P2", "P3", "P4", "P5" }) {
			Map<String, Object> entries = evaluate("SlaTargets", Variables.putValue("priority", priority))
				.getEntryMap();
			assertThat(entries).containsKeys("responseTime", "resolutionTime", "warningPercent");
		}
	}

	private DmnDecisionResultEntries evaluate(String decisionKey, VariableMap inputs) {
		return this.engine.getDecisionService()
			.evaluateDecisionByKey(decisionKey)
			.variables(inputs)
			.evaluate()
			.getSingleResult();
	}

}

package org.incidentdesk.incident.process;

import org.incidentdesk.TestReports;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.TestCoverageSettings;
import org.incidentdesk.incident.Activity;
import org.incidentdesk.incident.Activity.Visibility;
import org.incidentdesk.incident.ActivityKind;
import org.incidentdesk.incident.Channel;
import org.incidentdesk.incident.HoldReason;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentRecords;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.IncidentState;
import org.incidentdesk.incident.Level;
import org.incidentdesk.incident.ReportIncident;
import org.incidentdesk.incident.Suggestion;
import org.incidentdesk.incident.process.IncidentProcess.Element;
import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestExecutionListeners;

/**
 * One scenario per path of {@code IncidentManagement.bpmn}, driven through the engine as
 * Tasklist and the API would, with timers fired by moving the clock and executing their
 * jobs. Together they must cover every flow node and sequence flow of the model.
 */
@IncidentDeskTest
@Import({ ProcessEngineCoverageConfiguration.class, TestCoverageSettings.class })
@TestExecutionListeners(listeners = ProcessEngineCoverageTestExecutionListener.class,
		mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class IncidentManagementProcessTests {

	@Autowired
	ProcessEngine engine;

	@Autowired
	IncidentService incidents;

	@Autowired
	IncidentRecords records;

	@Autowired
	RuntimeService runtime;

	@Autowired
	TaskService tasks;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void initAssertions() {
		BpmnAwareTests.init(this.engine);
	}

	@AfterEach
	void resetClock() {
		ClockUtil.reset();
	}

	@Test
	void resolvesAtFirstContactAndClosesWhenTheCallerConfirms() {
		// Given an incident reported by a caller
		Incident reported = report("Outlook does not sync", "email", "Microsoft Outlook", Level.MEDIUM, Level.HIGH);
		ProcessInstance pi = process(reported);

		// Then it is classified from the decision tables and waits for the service desk
		assertThat(pi).isWaitingAt(Element.TASK_TRIAGE_INCIDENT).task().hasCandidateGroup("service-desk");
		assertThat(this.runtime.getVariable(pi.getId(), Var.TRIAGE_DECISION)).as("no decision made for the desk")
			.isNull();
		assertThat(reported.priority()).isEqualTo("P2");
		assertThat(reported.state()).isEqualTo(IncidentState.NEW);
		assertThat(Duration.between(reported.createdAt(), reported.responseDueAt())).isEqualTo(Duration.ofMinutes(30));
		assertThat(Duration.between(reported.createdAt(), reported.resolutionDueAt())).isEqualTo(Duration.ofHours(8));
		assertThat(assignmentGroup(reported)).isEqualTo("service-desk");

		// And matching knowledge is attached for the service desk
		assertThat(this.records.suggestions(reported.number())).first()
			.extracting(Suggestion::title)
			.isEqualTo("Outlook does not synchronise mail");
		assertThat((String) this.runtime.getVariable(pi.getId(), Var.KNOWLEDGE_SUGGESTIONS))
			.contains("Outlook does not synchronise mail");

		// When an agent picks it up and resolves it on first contact
		this.tasks.claim(task(Element.TASK_TRIAGE_INCIDENT, pi).getId(), "sam");
		assertThat(incident(reported).state()).isEqualTo(IncidentState.IN_PROGRESS);
		assertThat(incident(reported).respondedAt()).isNotNull();
		complete(task(Element.TASK_TRIAGE_INCIDENT, pi), resolveWith("SOLVED_BY_KNOWLEDGE", "Re-created the profile."));

		// Then the caller is asked to confirm
		assertThat(pi).isWaitingAt(Element.TASK_CONFIRM_RESOLUTION).task().isAssignedTo("alice");
		assertThat(incident(reported).state()).isEqualTo(IncidentState.RESOLVED);
		assertThat(notified(reported, "user:alice")).contains("Your incident was resolved");

		// When the caller confirms
		this.incidents.answerResolution(reported.number(), reported.callerId(), true, null);

		// Then the incident is closed with its figures
		assertThat(pi).isEnded().hasPassed(Element.TASK_CLOSE_INCIDENT, Element.END_EVENT_INCIDENT_CLOSED);
		Incident closed = incident(reported);
		assertThat(closed.state()).isEqualTo(IncidentState.CLOSED);
		assertThat(closed.closureCode()).isEqualTo("CONFIRMED_BY_CALLER");
		assertThat(closed.firstContactResolution()).isTrue();
		assertThat(closed.slaMet()).isTrue();
		assertThat(closed.responseSlaBreached()).isFalse();
		assertThat(closed.timeToRespondSeconds()).isNotNull();
		assertThat(closed.timeToResolveSeconds()).isNotNull();
		assertThat(closed.escalationCount()).isZero();
	}

	@Test
	void asksTheCallerForInformationAndResumesWhenTheCallerReplies() {
		// Given an incident in triage
		Incident reported = report("VPN drops every hour", "network", "ACME-VPN", Level.LOW, Level.MEDIUM);
		ProcessInstance pi = process(reported);

		// When the service desk asks the caller a question
		complete(task(Element.TASK_TRIAGE_INCIDENT, pi),
				withVariables(Var.TRIAGE_DECISION, "REQUEST_INFO", Var.CALLER_QUESTION, "Which office are you in?"));

		// Then the incident is on hold, waiting for the caller or the timeout
		assertThat(pi).isWaitingAt("Gateway_AwaitCallerReply");
		assertThat(incident(reported).state()).isEqualTo(IncidentState.ON_HOLD);
		assertThat(incident(reported).holdReason()).isEqualTo(HoldReason.AWAITING_CALLER);
		assertThat(publicComments(reported)).contains("Which office are you in?");

		// When the caller comments
		this.incidents.comment(reported.number(), "alice", "Jakarta HQ, floor 3.", Visibility.PUBLIC);

		// Then the incident is back with the service desk
		assertThat(pi).isWaitingAt(Element.TASK_TRIAGE_INCIDENT);
		assertThat(incident(reported).state()).isEqualTo(IncidentState.IN_PROGRESS);
		assertThat(workNotes(reported)).anyMatch(note -> note.contains("The caller replied"));
	}

	@Test
	void asksTheCallerAlsoWhenTheIncidentIsOnHoldForAnotherReason() {
		// Given an incident the service desk put on hold while waiting for a vendor
		Incident reported = report("Licence server unreachable", "software", null, Level.LOW, Level.MEDIUM);
		ProcessInstance pi = process(reported);
		this.incidents.hold(reported.number(), HoldReason.AWAITING_VENDOR, "Vendor is checking the licence pool.");

		// When triage asks the caller a question
		complete(task(Element.TASK_TRIAGE_INCIDENT, pi),
				withVariables(Var.TRIAGE_DECISION, "REQUEST_INFO", Var.CALLER_QUESTION, "Which product?"));

		// Then it now waits for the caller
		assertThat(pi).isWaitingAt("Gateway_AwaitCallerReply");
		assertThat(incident(reported).holdReason()).isEqualTo(HoldReason.AWAITING_CALLER);
	}

	@Test
	void returnsToTheServiceDeskWhenTheCallerDoesNotReplyInTime() {
		// Given an incident waiting for the caller's answer
		Incident reported = report("Cannot print", "hardware", null, Level.LOW, Level.LOW);
		ProcessInstance pi = process(reported);
		complete(task(Element.TASK_TRIAGE_INCIDENT, pi),
				withVariables(Var.TRIAGE_DECISION, "REQUEST_INFO", Var.CALLER_QUESTION, "Which printer?"));

		// When the reply timeout passes
		passTime(Duration.ofDays(3));
		execute(job(Element.EVENT_CALLER_REPLY_TIMED_OUT, pi));

		// Then the incident is back in triage, with a note of the silence
		assertThat(pi).isWaitingAt(Element.TASK_TRIAGE_INCIDENT);
		assertThat(incident(reported).state()).isEqualTo(IncidentState.IN_PROGRESS);
		assertThat(workNotes(reported)).anyMatch(note -> note.contains("did not reply within P2D"));
	}

	@Test
	void escalatesFunctionallyToSupportThenVendorThenAnotherTeam() {
		// Given a network incident in triage
		Incident reported = report("Branch office offline", "network", "ACME-VPN", Level.HIGH, Level.MEDIUM);
		ProcessInstance pi = process(reported);

		// When the service desk escalates without naming a team, routing picks the
		// first team
		complete(task(Element.TASK_TRIAGE_INCIDENT, pi), withVariables(Var.TRIAGE_DECISION, "ESCALATE"));
		assertThat(pi).isWaitingAt(Element.TASK_WORK_ON_INCIDENT).task().hasCandidateGroup("support-infrastructure");
		Incident atLevel2 = incident(reported);
		assertThat(atLevel2.assignmentGroup()).isEqualTo("support-infrastructure");
		assertThat(atLevel2.supportLevel()).isEqualTo(2);
		assertThat(atLevel2.escalationCount()).isEqualTo(1);
		assertThat(notified(reported, "group:service-desk")).contains("Incident handed over");
		assertThat(notified(reported, "group:support-infrastructure")).contains("Incident assigned to your group");

		// When level 2 escalates to the vendor (level 3)
		complete(task(Element.TASK_WORK_ON_INCIDENT, pi), withVariables(Var.SUPPORT_DECISION, "ESCALATE", Var.WORK_NOTE,
				"Router firmware fault, vendor needed."));
		assertThat(pi).isWaitingAt(Element.TASK_WORK_ON_INCIDENT).task().hasCandidateGroup("vendor-systems");
		assertThat(incident(reported).supportLevel()).isEqualTo(3);
		assertThat(workNotes(reported)).contains("Router firmware fault, vendor needed.");

		// When the vendor transfers it to another team at the same level (team N)
		complete(task(Element.TASK_WORK_ON_INCIDENT, pi),
				withVariables(Var.SUPPORT_DECISION, "TRANSFER", Var.TRANSFER_GROUP, "support-applications"));
		assertThat(pi).isWaitingAt(Element.TASK_WORK_ON_INCIDENT).task().hasCandidateGroup("support-applications");
		assertThat(incident(reported).escalationCount()).isEqualTo(2);
		assertThat(incident(reported).supportLevel()).isEqualTo(3);

		// When that team hands it back, the service desk, which owns it, can
		// escalate again
		complete(task(Element.TASK_WORK_ON_INCIDENT, pi), withVariables(Var.SUPPORT_DECISION, "RETURN_TO_SERVICE_DESK",
				Var.WORK_NOTE, "Not an application problem."));
		assertThat(pi).isWaitingAt(Element.TASK_TRIAGE_INCIDENT);
		complete(task(Element.TASK_TRIAGE_INCIDENT, pi),
				withVariables(Var.TRIAGE_DECISION, "ESCALATE", Var.ESCALATION_GROUP, "vendor-systems"));
		assertThat(pi).isWaitingAt(Element.TASK_WORK_ON_INCIDENT).task().hasCandidateGroup("vendor-systems");

		// When the vendor resolves it
		complete(task(Element.TASK_WORK_ON_INCIDENT, pi), withVariables(Var.SUPPORT_DECISION, "RESOLVE",
				Var.RESOLUTION_CODE, "SOLVED_PERMANENTLY", Var.RESOLUTION_NOTES, "Firmware updated."));

		// Then every hand-over is on the timeline and this is no first-contact resolution
		assertThat(pi).isWaitingAt(Element.TASK_CONFIRM_RESOLUTION);
		assertThat(timeline(reported).stream().filter(a -> a.kind() == ActivityKind.HANDOVER)).hasSize(4);
		assertThat(incident(reported).firstContactResolution()).isFalse();
	}

	@Test
	void aTeamPutsTheIncidentOnHoldInTasklistAndResumesIt() {
		// Given an incident with a support team
		Incident reported = report("Payroll export fails", "software", null, Level.MEDIUM, Level.MEDIUM);
		ProcessInstance pi = process(reported);
		complete(task(Element.TASK_TRIAGE_INCIDENT, pi), withVariables(Var.TRIAGE_DECISION, "ESCALATE"));

		// When the team puts it on hold, waiting for the vendor, with a message
		complete(task(Element.TASK_WORK_ON_INCIDENT, pi), withVariables(Var.SUPPORT_DECISION, "PUT_ON_HOLD",
				Var.HOLD_REASON, "AWAITING_VENDOR", Var.HOLD_COMMENT, "The vendor sends a fix on Friday."));

		// Then the record is on hold, the caller is told, the clock pauses, and the team
		// has the task to resume it
		assertThat(pi).isWaitingAt(Element.TASK_INCIDENT_ON_HOLD).task().hasCandidateGroup("support-applications");
		Incident onHold = incident(reported);
		assertThat(onHold.state()).isEqualTo(IncidentState.ON_HOLD);
		assertThat(onHold.holdReason()).isEqualTo(HoldReason.AWAITING_VENDOR);
		assertThat(onHold.slaPausedAt()).isNotNull();
		assertThat(timeline(reported)).anyMatch(a -> a.body() != null
				&& a.body().contains("On hold, waiting for the vendor. The vendor sends a fix on Friday."));

		// When the team resumes it
		complete(task(Element.TASK_INCIDENT_ON_HOLD, pi), withVariables(Var.ON_HOLD_DECISION, "RESUME"));

		// Then the team works on it again, and the clock runs
		assertThat(pi).isWaitingAt(Element.TASK_WORK_ON_INCIDENT).task().hasCandidateGroup("support-applications");
		assertThat(incident(reported).state()).isEqualTo(IncidentState.IN_PROGRESS);
		assertThat(incident(reported).slaPausedAt()).isNull();

		// And a hold for the caller ends with the caller's reply, which resumes the task
		complete(task(Element.TASK_WORK_ON_INCIDENT, pi),
				withVariables(Var.SUPPORT_DECISION, "PUT_ON_HOLD", Var.HOLD_REASON, "AWAITING_CALLER"));
		assertThat(pi).isWaitingAt(Element.TASK_INCIDENT_ON_HOLD);
		this.incidents.comment(reported.number(), reported.callerId(), "The export runs now.", Visibility.PUBLIC);
		assertThat(pi).isWaitingAt(Element.TASK_WORK_ON_INCIDENT);
		assertThat(incident(reported).state()).isEqualTo(IncidentState.IN_PROGRESS);

		// And a hold ended through the API resumes the task too
		complete(task(Element.TASK_WORK_ON_INCIDENT, pi),
				withVariables(Var.SUPPORT_DECISION, "PUT_ON_HOLD", Var.HOLD_REASON, "AWAITING_CHANGE"));
		this.incidents.resume(reported.number());
		assertThat(pi).isWaitingAt(Element.TASK_WORK_ON_INCIDENT);
		assertThat(incident(reported).state()).isEqualTo(IncidentState.IN_PROGRESS);

		// And a hold without a reason is refused
		assertThatThrownBy(() -> complete(task(Element.TASK_WORK_ON_INCIDENT, pi),
				withVariables(Var.SUPPORT_DECISION, "PUT_ON_HOLD")))
			.hasMessageContaining("Choose what the incident waits for");
	}

	@Test
	void dispatchesPhysicalWorkToTheTenantsTechniciansWhoSendItOnToTheVendor() {
		// Given a broken printer, which cannot be serviced remotely
		Incident reported = report("Printer makes grinding noise", "hardware", "ACME-PRN-03", Level.LOW, Level.MEDIUM);
		ProcessInstance pi = process(reported);
		assertThat(pi).hasVariables(Var.REMOTELY_SERVICEABLE);
		assertThat(this.runtime.getVariable(pi.getId(), Var.REMOTELY_SERVICEABLE)).isEqualTo(false);

		// And the triage form shows on-site dispatch chosen, the default for such
		// hardware
		assertThat(this.runtime.getVariable(pi.getId(), Var.TRIAGE_DECISION)).isEqualTo("DISPATCH_ONSITE");

		// When the service desk dispatches the on-site technicians
		complete(task(Element.TASK_TRIAGE_INCIDENT, pi), withVariables(Var.TRIAGE_DECISION, "DISPATCH_ONSITE"));

		// Then the customer's own technician group gets the work
		assertThat(pi).isWaitingAt(Element.TASK_WORK_ON_SITE).task().hasCandidateGroup("technicians-acme");
		assertThat(incident(reported).assignmentGroup()).isEqualTo("technicians-acme");

		// When the technicians find a part the vendor must replace
		complete(task(Element.TASK_WORK_ON_SITE, pi), withVariables(Var.ON_SITE_DECISION, "SEND_TO_VENDOR"));

		// Then the vendor works on it remotely and resolves it
		assertThat(pi).isWaitingAt(Element.TASK_WORK_ON_INCIDENT).task().hasCandidateGroup("vendor-systems");
		complete(task(Element.TASK_WORK_ON_INCIDENT, pi), withVariables(Var.SUPPORT_DECISION, "RESOLVE",
				Var.RESOLUTION_CODE, "SOLVED_PERMANENTLY", Var.RESOLUTION_NOTES, "Fuser unit replaced."));
		assertThat(pi).isWaitingAt(Element.TASK_CONFIRM_RESOLUTION);
	}

	@Test
	void onSiteTechniciansCanReturnTheIncidentOrResolveIt() {
		// Given an incident with the on-site technicians
		Incident reported = report("Laptop does not boot", "hardware", "ACME-LT-0042", Level.MEDIUM, Level.MEDIUM);
		ProcessInstance pi = process(reported);
		complete(task(Element.TASK_TRIAGE_INCIDENT, pi), withVariables(Var.TRIAGE_DECISION, "DISPATCH_ONSITE"));

		// When they return it to the service desk
		complete(task(Element.TASK_WORK_ON_SITE, pi), withVariables(Var.ON_SITE_DECISION, "RETURN_TO_SERVICE_DESK",
				Var.WORK_NOTE, "User was not at the desk."));
		assertThat(pi).isWaitingAt(Element.TASK_TRIAGE_INCIDENT);

		// And it is dispatched again and resolved on site
		complete(task(Element.TASK_TRIAGE_INCIDENT, pi), withVariables(Var.TRIAGE_DECISION, "DISPATCH_ONSITE"));
		complete(task(Element.TASK_WORK_ON_SITE, pi), withVariables(Var.ON_SITE_DECISION, "RESOLVE",
				Var.RESOLUTION_CODE, "SOLVED_PERMANENTLY", Var.RESOLUTION_NOTES, "Replaced the power supply."));

		// Then the caller is asked to confirm
		assertThat(pi).isWaitingAt(Element.TASK_CONFIRM_RESOLUTION);
		assertThat(incident(reported).resolutionNotes()).isEqualTo("Replaced the power supply.");
	}

	@Test
	void escalatesToTheIncidentManagerWhenNobodyPicksTheIncidentUpInTime() {
		// Given an incident nobody picks up
		Incident reported = report("ERP is slow", "software", "ACME-ERP", Level.MEDIUM, Level.MEDIUM);
		ProcessInstance pi = process(reported);

		// When its response due time passes
		passTime(Duration.ofHours(2));
		execute(job(Element.BOUNDARY_EVENT_RESPONSE_SLA_DUE, pi));
		execute(job(Element.TASK_ESCALATE_OVERDUE_RESPONSE, pi));

		// Then the incident manager is told, and the triage task is still there
		assertThat(pi).hasPassed("EndEvent_ResponseEscalated").isWaitingAt(Element.TASK_TRIAGE_INCIDENT);
		Incident overdue = incident(reported);
		assertThat(overdue.responseSlaBreached()).isTrue();
		assertThat(overdue.hierarchicalEscalationCount()).isEqualTo(1);
		assertThat(notified(reported, "group:incident-managers")).contains("Response SLA missed");
	}

	@Test
	void theResponseClockStopsWhenSomebodyPicksTheIncidentUp() {
		// Given an incident picked up in time
		Incident reported = report("New monitor flickers", "hardware", null, Level.LOW, Level.LOW);
		ProcessInstance pi = process(reported);
		this.tasks.claim(task(Element.TASK_TRIAGE_INCIDENT, pi).getId(), "sari");

		// When the response timer fires
		execute(job(Element.BOUNDARY_EVENT_RESPONSE_SLA_DUE, pi));

		// Then nobody is escalated to
		assertThat(pi).hasPassed("EndEvent_ResponseInTime").hasNotPassed(Element.TASK_ESCALATE_OVERDUE_RESPONSE);
		assertThat(incident(reported).responseSlaBreached()).isFalse();
		assertThat(incident(reported).assignee()).isEqualTo("sari");
	}

	@Test
	void warnsTheIncidentManagerAndAsksForAReviewWhenTheResolutionSlaIsBreached() {
		// Given an incident with a support team
		Incident reported = report("Mail server rejects mail", "email", null, Level.MEDIUM, Level.MEDIUM);
		ProcessInstance pi = process(reported);
		complete(task(Element.TASK_TRIAGE_INCIDENT, pi), withVariables(Var.TRIAGE_DECISION, "ESCALATE"));

		// When the warning threshold passes
		passTime(Duration.ofHours(20));
		execute(job(Element.BOUNDARY_EVENT_RESOLUTION_SLA_WARNING, pi));
		execute(job(Element.TASK_WARN_INCIDENT_MANAGER, pi));

		// Then the incident manager is warned and the work goes on
		assertThat(pi).hasPassed("EndEvent_SlaWarningSent").isWaitingAt(Element.TASK_WORK_ON_INCIDENT);
		assertThat(notified(reported, "group:incident-managers")).contains("Resolution SLA at risk");

		// When the resolution due time passes
		passTime(Duration.ofHours(5));
		execute(job(Element.BOUNDARY_EVENT_RESOLUTION_SLA_BREACHED, pi));
		execute(job(Element.TASK_RECORD_SLA_BREACH, pi));

		// Then the breach is recorded and the incident manager reviews it
		assertThat(pi).isWaitingAt(Element.TASK_REVIEW_BREACHED_INCIDENT, Element.TASK_WORK_ON_INCIDENT);
		assertThat(task(Element.TASK_REVIEW_BREACHED_INCIDENT, pi)).hasCandidateGroup("incident-managers");
		assertThat(incident(reported).resolutionSlaBreached()).isTrue();

		// When the incident manager reassigns the work
		complete(task(Element.TASK_REVIEW_BREACHED_INCIDENT, pi),
				withVariables(Var.REVIEW_DECISION, "REASSIGN", Var.REASSIGN_GROUP, "vendor-systems"));

		// Then the team's task moves to the new team
		assertThat(pi).hasPassed("EndEvent_BreachReviewed");
		assertThat(task(Element.TASK_WORK_ON_INCIDENT, pi)).hasCandidateGroup("vendor-systems");
		assertThat(incident(reported).assignmentGroup()).isEqualTo("vendor-systems");
		assertThat(notified(reported, "group:vendor-systems")).contains("Incident assigned to your group");
	}

	@Test
	void theIncidentManagerCanRaiseThePriorityOfABreachedIncident() {
		Incident reported = report("Shared drive slow", "software", null, Level.MEDIUM, Level.MEDIUM);
		ProcessInstance pi = process(reported);
		breach(pi);

		complete(task(Element.TASK_REVIEW_BREACHED_INCIDENT, pi), withVariables(Var.REVIEW_DECISION, "RAISE_PRIORITY"));

		assertThat(incident(reported).priority()).isEqualTo("P2");
		assertThat(task(Element.TASK_TRIAGE_INCIDENT, pi).getPriority()).isEqualTo(80);
	}

	@Test
	void theIncidentManagerCanDeclareAMajorIncident() {
		Incident reported = report("Warehouse scanners down", "hardware", null, Level.MEDIUM, Level.LOW);
		ProcessInstance pi = process(reported);
		breach(pi);

		complete(task(Element.TASK_REVIEW_BREACHED_INCIDENT, pi), withVariables(Var.REVIEW_DECISION, "DECLARE_MAJOR"));

		Incident major = incident(reported);
		assertThat(major.majorIncident()).isTrue();
		assertThat(major.priority()).isEqualTo("P1");
		assertThat(notified(reported, "group:service-delivery-managers")).contains("Major incident declared");
	}

	@Test
	void reopensOnRejectionEscalatesOnTheSecondAndClosesBySilence() {
		// Given an incident whose SLA was warned about and breached before it was
		// resolved
		Incident reported = report("Wi-Fi keeps dropping", "network", null, Level.LOW, Level.HIGH);
		ProcessInstance pi = process(reported);
		breach(pi);
		complete(task(Element.TASK_REVIEW_BREACHED_INCIDENT, pi), withVariables(Var.REVIEW_DECISION, "RAISE_PRIORITY"));
		complete(task(Element.TASK_TRIAGE_INCIDENT, pi),
				resolveWith("SOLVED_WORKAROUND", "Reconnect to the 5 GHz band."));

		// When the caller rejects the resolution
		this.incidents.answerResolution(reported.number(), reported.callerId(), false, "Still dropping.");

		// Then it is reopened with the service desk, and the SLA timers, already handled,
		// stay quiet
		assertThat(pi).isWaitingAt(Element.TASK_TRIAGE_INCIDENT);
		assertThat(incident(reported).reopenCount()).isEqualTo(1);
		assertThat(incident(reported).state()).isEqualTo(IncidentState.IN_PROGRESS);
		execute(job(Element.BOUNDARY_EVENT_RESOLUTION_SLA_WARNING, pi));
		execute(job(Element.BOUNDARY_EVENT_RESOLUTION_SLA_BREACHED, pi));
		assertThat(pi).hasPassed("EndEvent_WarningAlreadySent", "EndEvent_BreachAlreadyRecorded");
		assertThat(notified(reported, "group:incident-managers").stream().filter("Resolution SLA at risk"::equals))
			.hasSize(1);

		// When it is resolved and rejected a second time
		complete(task(Element.TASK_TRIAGE_INCIDENT, pi), resolveWith("SOLVED_WORKAROUND", "Moved the access point."));
		this.incidents.answerResolution(reported.number(), reported.callerId(), false,
				"Still dropping in the meeting room.");

		// Then the incident manager hears of it too
		assertThat(pi).hasPassed(Element.TASK_ESCALATE_REPEATED_REJECTION).isWaitingAt(Element.TASK_TRIAGE_INCIDENT);
		assertThat(notified(reported, "group:incident-managers")).contains("Resolution rejected again by the caller");

		// When it is resolved again and the caller stays silent past the auto-close
		// period
		complete(task(Element.TASK_TRIAGE_INCIDENT, pi),
				resolveWith("SOLVED_PERMANENTLY", "Replaced the access point."));
		passTime(Duration.ofDays(4));
		execute(job(Element.BOUNDARY_EVENT_CONFIRMATION_TIMED_OUT, pi));

		// Then it closes by itself, with the SLA breached on record
		assertThat(pi).isEnded().hasPassed(Element.END_EVENT_INCIDENT_CLOSED);
		Incident closed = incident(reported);
		assertThat(closed.closureCode()).isEqualTo("AUTO_CLOSED");
		assertThat(closed.reopenCount()).isEqualTo(2);
		assertThat(closed.slaMet()).isFalse();
		assertThat(closed.hierarchicalEscalationCount()).isEqualTo(2);
	}

	@Test
	void theCallerCanWithdrawAnOpenIncident() {
		Incident reported = report("Keyboard missing keys", "hardware", null, Level.LOW, Level.LOW);
		ProcessInstance pi = process(reported);

		this.incidents.withdraw(reported.number(), reported.callerId(), "Found a spare keyboard.");

		assertThat(pi).isEnded().hasPassed(Element.TASK_CANCEL_INCIDENT, Element.END_EVENT_INCIDENT_CANCELLED);
		assertThat(incident(reported).state()).isEqualTo(IncidentState.CANCELLED);
		assertThat(incident(reported).closureCode()).isEqualTo("WITHDRAWN");
	}

	@Test
	void theServiceDeskCancelsADuplicate() {
		// Given two reports of the same outage
		Incident original = report("ERP down", "software", "ACME-ERP", Level.HIGH, Level.HIGH);
		Incident duplicate = report("ERP not reachable", "software", "ACME-ERP", Level.HIGH, Level.HIGH);
		ProcessInstance pi = process(duplicate);

		// When the service desk marks the second as a duplicate of the first
		complete(task(Element.TASK_TRIAGE_INCIDENT, pi),
				withVariables(Var.TRIAGE_DECISION, "DUPLICATE", Var.DUPLICATE_OF, original.number().toLowerCase()));

		// Then it is cancelled with a link to the original
		assertThat(pi).isEnded().hasPassed("BoundaryEvent_MarkedDuplicate", Element.END_EVENT_INCIDENT_CANCELLED);
		assertThat(incident(duplicate).state()).isEqualTo(IncidentState.CANCELLED);
		assertThat(incident(duplicate).duplicateOf()).isEqualTo(original.number());
	}

	@Test
	void rejectsAnIncompleteOrContradictoryOutcomeAndChangesNothing() {
		// Given an incident in triage
		Incident reported = report("Screen is black", "hardware", null, Level.LOW, Level.LOW);
		ProcessInstance pi = process(reported);
		String taskId = task(Element.TASK_TRIAGE_INCIDENT, pi).getId();

		// Then a resolution without notes, an escalation to a non-support group, a
		// duplicate of
		// an unknown incident and no decision at all are each refused with a reason
		assertThatThrownBy(() -> this.tasks.complete(taskId,
				Map.of(Var.TRIAGE_DECISION, "RESOLVE", Var.RESOLUTION_CODE, "SOLVED_PERMANENTLY")))
			.hasRootCauseInstanceOf(BadUserRequestException.class)
			.hasMessageContaining("Describe the resolution");
		assertThatThrownBy(() -> this.tasks.complete(taskId,
				Map.of(Var.TRIAGE_DECISION, "ESCALATE", Var.ESCALATION_GROUP, "auditors")))
			.hasRootCauseInstanceOf(BadUserRequestException.class)
			.hasMessageContaining("'auditors' is not a support or vendor team");
		assertThatThrownBy(() -> this.tasks.complete(taskId,
				Map.of(Var.TRIAGE_DECISION, "DUPLICATE", Var.DUPLICATE_OF, "INC9999999")))
			.hasRootCauseInstanceOf(BadUserRequestException.class)
			.hasMessageContaining("There is no incident INC9999999");
		assertThatThrownBy(() -> this.tasks.complete(taskId, Map.of(Var.TRIAGE_DECISION, "MAYBE")))
			.hasRootCauseInstanceOf(BadUserRequestException.class)
			.hasMessageContaining("Choose what happens next");

		// And the process and the record are as they were
		assertThat(pi).isWaitingAt(Element.TASK_TRIAGE_INCIDENT);
		assertThat(this.runtime.getVariable(pi.getId(), Var.TRIAGE_DECISION)).isNull();
		assertThat(incident(reported).state()).isEqualTo(IncidentState.NEW);
		assertThat(incident(reported).version()).isEqualTo(reported.version());
	}

	@Test
	void theServiceDeskCanOpenAnIncidentFromTheTasklistStartForm() {
		// When the service desk starts the process with the start form's fields
		ProcessInstance pi = this.runtime.startProcessInstanceByKey(IncidentProcess.PROCESS_ID,
				Map.of(Var.TENANT_ID, "globex", Var.CALLER_ID, "citra", Var.CHANNEL, "phone", Var.SUMMARY,
						"Kasir tidak bisa mencetak struk", Var.CATEGORY, "hardware", Var.CI_NAME, "GLX-POS-07",
						Var.IMPACT, "MEDIUM", Var.URGENCY, "HIGH"));

		// Then the record exists under the process's business key, for the right tenant
		Incident incident = this.records.get(pi.getBusinessKey());
		assertThat(incident.tenantId()).isEqualTo("globex");
		assertThat(incident.channel()).isEqualTo(Channel.PHONE);
		assertThat(incident.processInstanceId()).isEqualTo(pi.getId());
		assertThat(pi.getTenantId()).isEqualTo("globex");
		// and the job executor classifies it a moment later (no request waits for it
		// here)
		assertThat(pi).isWaitingAt(Element.TASK_CLASSIFY_INCIDENT);
		assertThat(incident.priority()).isNull();
		execute(job(pi));
		assertThat(pi).isWaitingAt(Element.TASK_TRIAGE_INCIDENT);
		assertThat(this.records.get(pi.getBusinessKey()).priority()).isNotNull();
	}

	@Test
	void anInvalidStartFormStartsNothing() {
		long before = this.jdbc.sql("select count(*) from incident").query(Long.class).single();
		long processesBefore = this.runtime.createProcessInstanceQuery().count();

		assertThatThrownBy(() -> this.runtime.startProcessInstanceByKey(IncidentProcess.PROCESS_ID,
				Map.of(Var.TENANT_ID, "globex", Var.CALLER_ID, "alice", Var.SUMMARY, "Wrong tenant", Var.CATEGORY,
						"hardware", Var.IMPACT, "LOW", Var.URGENCY, "LOW")))
			.isInstanceOf(BadUserRequestException.class)
			.hasMessageContaining("'alice' is not a user of customer organisation 'globex'");

		assertThat(this.jdbc.sql("select count(*) from incident").query(Long.class).single()).isEqualTo(before);
		assertThat(this.runtime.createProcessInstanceQuery().count()).isEqualTo(processesBefore);
	}

	private Incident report(String summary, String category, String ciName, Level impact, Level urgency) {
		return this.incidents.report(TestReports.report(summary)
			.description("Reported in a test.")
			.category(category)
			.ci(ciName)
			.levels(impact, urgency)
			.build());
	}

	private ProcessInstance process(Incident incident) {
		return this.runtime.createProcessInstanceQuery().processInstanceBusinessKey(incident.number()).singleResult();
	}

	private Incident incident(Incident incident) {
		return this.records.get(incident.number());
	}

	private String assignmentGroup(Incident incident) {
		return incident(incident).assignmentGroup();
	}

	private List<Activity> timeline(Incident incident) {
		return this.records.timeline(incident.number(), true);
	}

	private List<String> workNotes(Incident incident) {
		return timeline(incident).stream().filter(a -> a.kind() == ActivityKind.WORK_NOTE).map(Activity::body).toList();
	}

	private List<String> publicComments(Incident incident) {
		return this.records.timeline(incident.number(), false)
			.stream()
			.filter(a -> a.kind() == ActivityKind.COMMENT)
			.map(Activity::body)
			.toList();
	}

	/**
	 * Subjects of the notifications a recipient ("user:x" or "group:x") got about the
	 * incident.
	 */
	private List<String> notified(Incident incident, String recipient) {
		return timeline(incident).stream()
			.filter(a -> a.kind() == ActivityKind.NOTIFICATION && recipient.equals(a.newValue()))
			.map(Activity::body)
			.toList();
	}

	/** Warning and breach fire: the incident manager gets the review task. */
	private void breach(ProcessInstance pi) {
		passTime(Duration.ofDays(10));
		execute(job(Element.BOUNDARY_EVENT_RESOLUTION_SLA_WARNING, pi));
		execute(job(Element.TASK_WARN_INCIDENT_MANAGER, pi));
		execute(job(Element.BOUNDARY_EVENT_RESOLUTION_SLA_BREACHED, pi));
		execute(job(Element.TASK_RECORD_SLA_BREACH, pi));
		assertThat(pi).isWaitingAt(Element.TASK_REVIEW_BREACHED_INCIDENT);
	}

	private static Map<String, Object> resolveWith(String code, String notes) {
		return withVariables(Var.TRIAGE_DECISION, "RESOLVE", Var.RESOLUTION_CODE, code, Var.RESOLUTION_NOTES, notes);
	}

	private static void passTime(Duration duration) {
		ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(duration)));
	}

}

package org.incidentdesk.incident.process;

import java.util.List;

/**
 * Names shared between {@code processes/IncidentManagement.bpmn} and the Java code: the
 * process id, the element ids Java refers to, the message and error names and the process
 * variables. A rename in the model has to be made here too, and the compiler then shows
 * every place it touches.
 */
public final class IncidentProcess {

	public static final String PROCESS_ID = "IncidentManagement";

	private IncidentProcess() {
	}

	/** Element ids. */
	public static final class Element {

		public static final String START_EVENT_INCIDENT_REPORTED = "StartEvent_IncidentReported";

		public static final String TASK_REGISTER_INCIDENT = "Task_RegisterIncident";

		public static final String TASK_CLASSIFY_INCIDENT = "Task_ClassifyIncident";

		public static final String TASK_LOOK_UP_KNOWLEDGE = "Task_LookUpKnowledge";

		public static final String SUB_PROCESS_RESOLVE_INCIDENT = "SubProcess_ResolveIncident";

		public static final String TASK_TRIAGE_INCIDENT = "Task_TriageIncident";

		public static final String BOUNDARY_EVENT_RESPONSE_SLA_DUE = "BoundaryEvent_ResponseSlaDue";

		public static final String TASK_ESCALATE_OVERDUE_RESPONSE = "Task_EscalateOverdueResponse";

		public static final String TASK_REQUEST_CALLER_INFO = "Task_RequestCallerInfo";

		public static final String EVENT_CALLER_REPLIED = "Event_CallerReplied";

		public static final String EVENT_CALLER_REPLY_TIMED_OUT = "Event_CallerReplyTimedOut";

		public static final String TASK_RESUME_INCIDENT = "Task_ResumeIncident";

		public static final String TASK_DECIDE_HANDOVER = "Task_DecideHandover";

		public static final String TASK_PROPOSE_TRIAGE_DECISION = "Task_ProposeTriageDecision";

		public static final String TASK_HAND_OVER_INCIDENT = "Task_HandOverIncident";

		public static final String TASK_WORK_ON_INCIDENT = "Task_WorkOnIncident";

		public static final String TASK_WORK_ON_SITE = "Task_WorkOnSite";

		public static final String TASK_PUT_INCIDENT_ON_HOLD = "Task_PutIncidentOnHold";

		public static final String TASK_INCIDENT_ON_HOLD = "Task_IncidentOnHold";

		public static final String TASK_TAKE_INCIDENT_OFF_HOLD = "Task_TakeIncidentOffHold";

		public static final String BOUNDARY_EVENT_RESOLUTION_SLA_WARNING = "BoundaryEvent_ResolutionSlaWarning";

		public static final String TASK_WARN_INCIDENT_MANAGER = "Task_WarnIncidentManager";

		public static final String BOUNDARY_EVENT_RESOLUTION_SLA_BREACHED = "BoundaryEvent_ResolutionSlaBreached";

		public static final String TASK_RECORD_SLA_BREACH = "Task_RecordSlaBreach";

		public static final String TASK_REVIEW_BREACHED_INCIDENT = "Task_ReviewBreachedIncident";

		public static final String BOUNDARY_EVENT_INCIDENT_WITHDRAWN = "BoundaryEvent_IncidentWithdrawn";

		public static final String TASK_RESOLVE_INCIDENT = "Task_ResolveIncident";

		public static final String TASK_CONFIRM_RESOLUTION = "Task_ConfirmResolution";

		public static final String BOUNDARY_EVENT_CONFIRMATION_TIMED_OUT = "BoundaryEvent_ConfirmationTimedOut";

		public static final String TASK_REOPEN_INCIDENT = "Task_ReopenIncident";

		public static final String TASK_ESCALATE_REPEATED_REJECTION = "Task_EscalateRepeatedRejection";

		public static final String TASK_CLOSE_INCIDENT = "Task_CloseIncident";

		public static final String TASK_CANCEL_INCIDENT = "Task_CancelIncident";

		public static final String END_EVENT_INCIDENT_CLOSED = "EndEvent_IncidentClosed";

		public static final String END_EVENT_INCIDENT_CANCELLED = "EndEvent_IncidentCancelled";

		/**
		 * The user tasks where a team works on the incident (not reviews or
		 * confirmations).
		 */
		public static final List<String> WORK_TASKS = List.of(TASK_TRIAGE_INCIDENT, TASK_WORK_ON_INCIDENT,
				TASK_WORK_ON_SITE);

		private Element() {
		}

	}

	/** Message names, correlated by the incident number (the business key). */
	public static final class Message {

		public static final String CALLER_REPLIED = "CallerReplied";

		public static final String INCIDENT_WITHDRAWN = "IncidentWithdrawn";

		private Message() {
		}

	}

	/** BPMN error codes. */
	public static final class Error {

		public static final String INCIDENT_CANCELLED = "INCIDENT_CANCELLED";

		private Error() {
		}

	}

	/** Process variables. */
	public static final class Var {

		// identity and classification of the incident
		public static final String INCIDENT_NUMBER = "incidentNumber";

		public static final String TENANT_ID = "tenantId";

		public static final String CALLER_ID = "callerId";

		public static final String CHANNEL = "channel";

		public static final String SUMMARY = "summary";

		public static final String DESCRIPTION = "description";

		public static final String CATEGORY = "category";

		public static final String CI_NAME = "ciName";

		public static final String CI_TYPE = "ciType";

		public static final String IMPACT = "impact";

		public static final String URGENCY = "urgency";

		public static final String PRIORITY = "priority";

		public static final String REMOTELY_SERVICEABLE = "remotelyServiceable";

		public static final String FIRST_TEAM = "firstTeam";

		public static final String VENDOR_TEAM = "vendorTeam";

		public static final String KNOWLEDGE_SUGGESTIONS = "knowledgeSuggestions";

		// SLA clock (java.util.Date, read by the timer expressions)
		public static final String RESPONSE_DUE_AT = "responseDueAt";

		public static final String RESOLUTION_WARNING_AT = "resolutionWarningAt";

		public static final String RESOLUTION_DUE_AT = "resolutionDueAt";

		public static final String RESPONDED_AT = "respondedAt";

		public static final String SLA_WARNING_SENT = "slaWarningSent";

		public static final String SLA_BREACHED = "slaBreached";

		// routing of the work
		public static final String ASSIGNED_GROUP = "assignedGroup";

		public static final String HANDOVER_TO = "handoverTo";

		public static final String HANDOVER_KIND = "handoverKind";

		public static final String WORK_LOCATION = "workLocation";

		public static final String REOPEN_COUNT = "reopenCount";

		/** What a team waits for when it puts the incident on hold (a HoldReason). */
		public static final String HOLD_REASON = "holdReason";

		/** The team's message to the caller with the hold. */
		public static final String HOLD_COMMENT = "holdComment";

		/** The decision in "Incident on hold": RESUME. */
		public static final String ON_HOLD_DECISION = "onHoldDecision";

		/** The task whose decision led to a hand-over: triage, support or on-site. */
		public static final String DECIDED_IN = "decidedIn";

		/** That task's decision. */
		public static final String OUTCOME = "outcome";

		/** The team its worker chose, if any. */
		public static final String CHOSEN_TEAM = "chosenTeam";

		/**
		 * The customer organisation's on-site technician group, or null when it has none.
		 */
		public static final String ON_SITE_TECHNICIANS = "onSiteTechnicians";

		// task outcomes, submitted by the forms and checked by TaskOutcomeValidator
		public static final String TRIAGE_DECISION = "triageDecision";

		public static final String SUPPORT_DECISION = "supportDecision";

		public static final String ON_SITE_DECISION = "onSiteDecision";

		public static final String REVIEW_DECISION = "reviewDecision";

		public static final String RESOLUTION_ACCEPTED = "resolutionAccepted";

		public static final String ESCALATION_GROUP = "escalationGroup";

		public static final String TRANSFER_GROUP = "transferGroup";

		public static final String REASSIGN_GROUP = "reassignGroup";

		public static final String DUPLICATE_OF = "duplicateOf";

		public static final String CALLER_QUESTION = "callerQuestion";

		public static final String RESOLUTION_CODE = "resolutionCode";

		public static final String RESOLUTION_NOTES = "resolutionNotes";

		public static final String WORK_NOTE = "workNote";

		public static final String REJECTION_REASON = "rejectionReason";

		public static final String CANCEL_REASON = "cancelReason";

		public static final String CALLER_REPLIED = "callerReplied";

		// set on each user task as it is created, for its form
		public static final String INCIDENT_HISTORY = "incidentHistory";

		// for people, in Tasklist's list cards and forms (TaskTexts): kept in step with
		// the priority and the SLA dates
		/** The priority with its word: "P2 high". */
		public static final String PRIORITY_LABEL = "priorityLabel";

		/** The next SLA date: "Respond by Wed 2 Dec 2026 14:00 (Asia/Jakarta)". */
		public static final String SLA_DUE = "slaDue";

		/** The response due date, in the organisation's time zone. */
		public static final String RESPONSE_DUE = "responseDue";

		/** The resolution due date, in the organisation's time zone. */
		public static final String RESOLUTION_DUE = "resolutionDue";

		/** The knowledge suggestions as links: [{"number", "title", "url"}] (JSON). */
		public static final String KNOWLEDGE_LINKS = "knowledgeLinks";

		// set on each user task as it is created, for its form (TaskTexts)
		/** The caller's name. */
		public static final String CALLER_NAME = "callerName";

		/** The caller's e-mail address. */
		public static final String CALLER_CONTACT = "callerContact";

		/** The category's name: "Hardware". */
		public static final String CATEGORY_NAME = "categoryName";

		/** The name of the group working on the incident. */
		public static final String ASSIGNED_GROUP_NAME = "assignedGroupName";

		private Var() {
		}

	}

}

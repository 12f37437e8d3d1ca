package org.incidentdesk.incident.process;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.incidentdesk.incident.HoldReason;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentRecords;
import org.incidentdesk.incident.process.IncidentProcess.Element;
import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.incidentdesk.system.WordedRefusal;
import org.incidentdesk.system.WordedRefusal.Wording;
import org.springframework.stereotype.Component;

/**
 * Checks the outcome of every user task on the server: forms check only in the browser,
 * and the engine REST API checks nothing. A missing or contradictory outcome fails the
 * completion with a message the worker can act on (HTTP 400 through engine REST), and
 * nothing changes.
 * <p>
 * It only validates. Where a hand-over sends the work is the model's business: the
 * business rule task "Decide hand-over" evaluates the table {@code IncidentHandover} with
 * what the task decided, and "Hand over incident" refuses a group that cannot take the
 * work.
 */
@Component
class TaskOutcomeValidator implements TaskListener {

	static final Set<String> RESOLUTION_CODES = Set.of("SOLVED_WORKAROUND", "SOLVED_PERMANENTLY", "SOLVED_BY_KNOWLEDGE",
			"NOT_REPRODUCIBLE", "USER_ERROR");

	private final IncidentRecords records;

	private final Escalations escalations;

	private final TaskFormFields forms;

	private final ServingTeams teams;

	TaskOutcomeValidator(IncidentRecords records, Escalations escalations, TaskFormFields forms, ServingTeams teams) {
		this.records = records;
		this.escalations = escalations;
		this.forms = forms;
		this.teams = teams;
	}

	@Override
	public void notify(DelegateTask task) {
		List<Wording> errors = new ArrayList<>();
		switch (task.getTaskDefinitionKey()) {
			case Element.TASK_TRIAGE_INCIDENT -> checkTriage(task, errors);
			case Element.TASK_WORK_ON_INCIDENT -> checkSupportWork(task, errors);
			case Element.TASK_WORK_ON_SITE -> checkOnSiteWork(task, errors);
			case Element.TASK_REVIEW_BREACHED_INCIDENT -> checkReview(task, errors);
			case Element.TASK_CONFIRM_RESOLUTION -> checkConfirmation(task, errors);
			case Element.TASK_INCIDENT_ON_HOLD -> decision(task, Var.ON_HOLD_DECISION, Set.of("RESUME"), errors);
			default -> checkRequiredFields(task, errors);
		}
		if (!errors.isEmpty()) {
			throw new WordedRefusal(Wording.named("task." + task.getTaskDefinitionKey(), task.getName()), errors);
		}
		EarlierHandoverModels.recordDecision(task);
	}

	/**
	 * A task a process owner added, with no outcome rules of its own (a quality check, a
	 * tier): the generic check only, that every field its form requires is filled in. Its
	 * form's fields alone may be set (EngineSurfaceGuard), and the model's gateways
	 * decide where the incident goes next.
	 */
	private void checkRequiredFields(DelegateTask task, List<Wording> errors) {
		for (String field : this.forms.of(task.getId(), task.getProcessDefinitionId(), task.getTaskDefinitionKey())
			.required()) {
			Object value = task.getVariable(field);
			if (value == null || (value instanceof String text && text.isBlank())) {
				errors.add(Wording.of("outcome.fillIn", field));
			}
		}
	}

	private void checkTriage(DelegateTask task, List<Wording> errors) {
		String decision = decision(task, Var.TRIAGE_DECISION,
				Set.of("RESOLVE", "REQUEST_INFO", "ESCALATE", "DISPATCH_ONSITE", "DUPLICATE"), errors);
		if (decision == null) {
			return;
		}
		switch (decision) {
			case "RESOLVE" -> checkResolution(task, errors);
			case "REQUEST_INFO" -> require(task, Var.CALLER_QUESTION, "outcome.writeQuestion", errors);
			// Without a chosen team, the hand-over table names one, and the hand-over
			// step
			// checks it.
			case "ESCALATE" -> optionalText(task, Var.ESCALATION_GROUP)
				.ifPresent(group -> checkSupportGroup(task, group, Var.ESCALATION_GROUP, null, errors));
			case "DISPATCH_ONSITE" -> {
			}
			case "DUPLICATE" -> checkDuplicate(task, errors);
			default -> throw new IllegalStateException(decision);
		}
	}

	private void checkSupportWork(DelegateTask task, List<Wording> errors) {
		String decision = decision(task, Var.SUPPORT_DECISION,
				Set.of("RESOLVE", "ESCALATE", "TRANSFER", "RETURN_TO_SERVICE_DESK", "PUT_ON_HOLD"), errors);
		if (decision == null) {
			return;
		}
		String current = (String) task.getVariable(Var.ASSIGNED_GROUP);
		switch (decision) {
			case "RESOLVE" -> checkResolution(task, errors);
			case "ESCALATE" -> optionalText(task, Var.ESCALATION_GROUP).ifPresent(group -> {
				if (group.equals(current)) {
					errors.add(Wording.of("outcome.alreadyWithEscalate", current));
				}
				else {
					checkSupportGroup(task, group, Var.ESCALATION_GROUP, current, errors);
				}
			});
			case "TRANSFER" -> {
				Optional<String> group = optionalText(task, Var.TRANSFER_GROUP);
				if (group.isEmpty()) {
					errors.add(Wording.of("outcome.chooseTransferTeam"));
				}
				else if (group.get().equals(current)) {
					errors.add(Wording.of("outcome.alreadyWith", current));
				}
				else {
					checkSupportGroup(task, group.get(), Var.TRANSFER_GROUP, current, errors);
				}
			}
			case "RETURN_TO_SERVICE_DESK" -> require(task, Var.WORK_NOTE, "outcome.sayWhyReturned", errors);
			case "PUT_ON_HOLD" -> {
				Object reason = task.getVariable(Var.HOLD_REASON);
				if (!(reason instanceof String text)
						|| Arrays.stream(HoldReason.values()).noneMatch(known -> known.name().equals(text))) {
					errors.add(Wording.of("outcome.chooseHoldReason",
							Arrays.stream(HoldReason.values()).map(Enum::name).sorted().toList().toString()));
				}
			}
			default -> throw new IllegalStateException(decision);
		}
	}

	private void checkOnSiteWork(DelegateTask task, List<Wording> errors) {
		String decision = decision(task, Var.ON_SITE_DECISION,
				Set.of("RESOLVE", "SEND_TO_VENDOR", "RETURN_TO_SERVICE_DESK"), errors);
		if (decision == null) {
			return;
		}
		switch (decision) {
			case "RESOLVE" -> checkResolution(task, errors);
			// The hand-over table names the vendor, and the hand-over step checks it.
			case "SEND_TO_VENDOR" -> {
			}
			case "RETURN_TO_SERVICE_DESK" -> require(task, Var.WORK_NOTE, "outcome.sayWhyReturned", errors);
			default -> throw new IllegalStateException(decision);
		}
	}

	private void checkReview(DelegateTask task, List<Wording> errors) {
		String decision = decision(task, Var.REVIEW_DECISION, Set.of("REASSIGN", "RAISE_PRIORITY", "DECLARE_MAJOR"),
				errors);
		if (decision == null) {
			return;
		}
		switch (decision) {
			case "REASSIGN" -> {
				Optional<String> group = optionalText(task, Var.REASSIGN_GROUP);
				if (!this.escalations.hasTeamWork(task.getProcessInstanceId())) {
					errors.add(Wording.of("outcome.nothingToReassign"));
				}
				else if (group.isEmpty()) {
					errors.add(Wording.of("outcome.chooseReassignTeam"));
				}
				else {
					checkSupportGroup(task, group.get(), Var.REASSIGN_GROUP,
							(String) task.getVariable(Var.ASSIGNED_GROUP), errors);
				}
			}
			case "RAISE_PRIORITY" -> {
				if ("P1".equals(task.getVariable(Var.PRIORITY))) {
					errors.add(Wording.of("outcome.alreadyP1"));
				}
			}
			case "DECLARE_MAJOR" -> {
			}
			default -> throw new IllegalStateException(decision);
		}
	}

	private void checkConfirmation(DelegateTask task, List<Wording> errors) {
		Object accepted = task.getVariable(Var.RESOLUTION_ACCEPTED);
		if (!(accepted instanceof Boolean)) {
			errors.add(Wording.of("outcome.sayWhetherSolved"));
		}
		else if (!((Boolean) accepted)) {
			require(task, Var.REJECTION_REASON, "outcome.sayWhyNotSolved", errors);
		}
	}

	private void checkResolution(DelegateTask task, List<Wording> errors) {
		Object code = task.getVariable(Var.RESOLUTION_CODE);
		if (!(code instanceof String) || !RESOLUTION_CODES.contains(code)) {
			errors.add(Wording.of("outcome.chooseResolutionCode",
					String.join(", ", RESOLUTION_CODES.stream().sorted().toList())));
		}
		require(task, Var.RESOLUTION_NOTES, "outcome.describeResolution", errors);
	}

	private void checkDuplicate(DelegateTask task, List<Wording> errors) {
		Optional<String> original = optionalText(task, Var.DUPLICATE_OF).map(String::trim).map(String::toUpperCase);
		if (original.isEmpty()) {
			errors.add(Wording.of("outcome.giveOriginal"));
			return;
		}
		Optional<Incident> found = this.records.find(original.get());
		if (found.isEmpty() || !found.get().tenantId().equals(task.getVariable(Var.TENANT_ID))) {
			errors.add(Wording.of("outcome.noSuchIncident", original.get()));
		}
		else if (found.get().number().equals(task.getVariable(Var.INCIDENT_NUMBER))) {
			errors.add(Wording.of("outcome.duplicatesItself"));
		}
		else {
			task.setVariable(Var.DUPLICATE_OF, found.get().number());
		}
	}

	/** Whether a team the worker chose may take the incident's work (ServingTeams). */
	private void checkSupportGroup(DelegateTask task, String group, String variable, String current,
			List<Wording> errors) {
		this.teams.refusal(tenantOf(task), group, null, variable, current)
			.ifPresent(said -> errors.add(Wording.of("outcome.said", said)));
	}

	private static String tenantOf(DelegateTask task) {
		Object tenant = task.getVariable(Var.TENANT_ID);
		return (tenant instanceof String id) ? id : task.getTenantId();
	}

	private static String decision(DelegateTask task, String variable, Set<String> allowed, List<Wording> errors) {
		Object value = task.getVariable(variable);
		if (!(value instanceof String text) || !allowed.contains(text)) {
			errors
				.add(Wording.of("outcome.chooseNext", variable, String.join(", ", allowed.stream().sorted().toList())));
			return null;
		}
		return text;
	}

	private static void require(DelegateTask task, String variable, String key, List<Wording> errors) {
		if (optionalText(task, variable).isEmpty()) {
			errors.add(Wording.of(key));
		}
	}

	private static Optional<String> optionalText(DelegateTask task, String variable) {
		Object value = task.getVariable(variable);
		return (value instanceof String text && !text.isBlank()) ? Optional.of(text) : Optional.empty();
	}

}

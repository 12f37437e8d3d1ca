package org.incidentdesk.incident.process;

import java.util.Arrays;
import java.util.Set;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.incidentdesk.incident.HandoverKind;
import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.springframework.stereotype.Component;

/**
 * Hands the incident to the group that the business rule task "Decide hand-over" named
 * (table {@code IncidentHandover}), records the hand-over and tells the group and the
 * service desk.
 * <p>
 * It runs in the transaction of the task completion that led to it, so a group that
 * cannot take the work refuses that completion (HTTP 400 with the reason) and nothing
 * changes: the table named no group, a group that does not exist, a support or vendor
 * team that does not serve the incident's customer organisation, or the group that
 * already has the incident.
 */
@Component
class HandOverIncidentDelegate implements JavaDelegate {

	private static final Set<String> LOCATIONS = Set.of("REMOTE", "ONSITE");

	private static final Set<HandoverKind> TABLE_KINDS = Set.of(HandoverKind.ESCALATION, HandoverKind.TRANSFER,
			HandoverKind.DISPATCH);

	private final Escalations escalations;

	private final ServingTeams teams;

	private final EarlierHandoverModels earlier;

	HandOverIncidentDelegate(Escalations escalations, ServingTeams teams, EarlierHandoverModels earlier) {
		this.escalations = escalations;
		this.teams = teams;
		this.earlier = earlier;
	}

	@Override
	public void execute(DelegateExecution execution) {
		if (!EarlierHandoverModels.decidesInModel(execution)) {
			this.earlier.decide(execution);
		}
		String group = (String) execution.getVariable(Var.HANDOVER_TO);
		HandoverKind kind = check(execution, group);
		this.escalations.handOver(execution.getProcessBusinessKey(), group, kind, null);
		execution.setVariable(Var.ASSIGNED_GROUP, group);
		// Consumed: a later decision must choose its own team, not inherit this one.
		execution.setVariable(Var.ESCALATION_GROUP, null);
		execution.setVariable(Var.TRANSFER_GROUP, null);
	}

	private HandoverKind check(DelegateExecution execution, String group) {
		String decidedIn = (String) execution.getVariable(Var.DECIDED_IN);
		String outcome = (String) execution.getVariable(Var.OUTCOME);
		String table = "The hand-over table (" + EarlierHandoverModels.DECISION + ")";
		String refused = "; a process owner can correct the table, and until then choose another decision.";
		Object kindName = execution.getVariable(Var.HANDOVER_KIND);
		Object location = execution.getVariable(Var.WORK_LOCATION);
		if (group == null || group.isBlank()) {
			throw new BadUserRequestException(table + " has no rule for " + outcome + " decided in " + decidedIn
					+ " with the team chosen (" + execution.getVariable(Var.CHOSEN_TEAM) + ")" + refused);
		}
		HandoverKind kind = Arrays.stream(HandoverKind.values())
			.filter(candidate -> candidate.name().equals(kindName))
			.filter(TABLE_KINDS::contains)
			.findFirst()
			.orElseThrow(() -> new BadUserRequestException(table + " answered the hand-over kind '" + kindName
					+ "', which is none of ESCALATION, TRANSFER or DISPATCH" + refused));
		if (!LOCATIONS.contains(location)) {
			throw new BadUserRequestException(table + " answered the work location '" + location
					+ "', which is neither REMOTE nor ONSITE" + refused);
		}
		String tenant = (String) execution.getVariable(Var.TENANT_ID);
		if (kind == HandoverKind.DISPATCH) {
			if (!this.teams.exists(group)) {
				throw new BadUserRequestException("This customer organisation has no on-site technician group (" + group
						+ "); escalate to a support team instead.");
			}
			return kind;
		}
		// A support team hands over from itself; the service desk and the technicians
		// hand over from no team.
		String current = "support".equals(decidedIn) ? (String) execution.getVariable(Var.ASSIGNED_GROUP) : null;
		if (group.equals(current)) {
			throw new BadUserRequestException(
					"The incident is already with " + current + ", the team that " + EarlierHandoverModels.DECISION
							+ " names for " + outcome + "; choose the team in 'Support team'.");
		}
		String variable = "TRANSFER".equals(outcome) ? Var.TRANSFER_GROUP
				: "ESCALATE".equals(outcome) ? Var.ESCALATION_GROUP : null;
		this.teams
			.refusal(tenant, group, "the team that the hand-over table (" + EarlierHandoverModels.DECISION + ") names",
					variable, current)
			.ifPresent(reason -> {
				throw new BadUserRequestException(reason);
			});
		return kind;
	}

}

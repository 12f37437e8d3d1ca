package org.incidentdesk.incident.process;

import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Component;

/**
 * Whether a group may take an incident's work: a support team or vendor that serves the
 * incident's customer organisation (a tenant member in Camunda), since only such a group
 * sees the tenant's tasks and incidents. A refusal names the teams that do serve it, so
 * the worker can act on it. Used for a team a worker chose (TaskOutcomeValidator) and for
 * the team the hand-over table named (HandOverIncidentDelegate).
 */
@Component
class ServingTeams {

	private final IdentityService identity;

	ServingTeams(IdentityService identity) {
		this.identity = identity;
	}

	/**
	 * @param tenant the incident's customer organisation, or {@code null}
	 * @param group the group chosen, or named by a table
	 * @param pickedBy what named the group when the worker did not (a table), or null
	 * @param variable the variable in which the worker chooses a team instead, or null
	 * when the decision has no choice
	 * @param current the group the incident is with, which is no choice, or null
	 * @return why the group may not take the work, or empty when it may
	 */
	Optional<String> refusal(String tenant, String group, String pickedBy, String variable, String current) {
		boolean supportTeam = isSupportTeam(group) && exists(group);
		if (tenant == null) {
			// Every incident has its tenant; a process started without one serves nobody
			// in particular.
			return supportTeam ? Optional.empty() : Optional.of("'" + group + "' is not a support or vendor team.");
		}
		if (supportTeam && this.identity.createGroupQuery().groupId(group).memberOfTenant(tenant).count() > 0) {
			return Optional.empty();
		}
		String named = (pickedBy != null) ? capitalised(pickedBy) + ", '" + group + "'," : "'" + group + "'";
		String refusal = supportTeam ? named + " does not serve this customer organisation (" + tenant
				+ "), so it could not see the incident." : named + " is not a support or vendor team.";
		List<String> serving = this.identity.createGroupQuery()
			.memberOfTenant(tenant)
			.orderByGroupId()
			.asc()
			.list()
			.stream()
			.map(Group::getId)
			.filter(ServingTeams::isSupportTeam)
			.filter(id -> !id.equals(current))
			.toList();
		if (serving.isEmpty()) {
			return Optional.of(refusal + " No " + ((current != null) ? "other " : "")
					+ "support or vendor team serves it; an administrator can add one with PUT /api/v1/admin/tenants/"
					+ tenant + "/serving-groups/{team}.");
		}
		if (variable == null) {
			return Optional.of(refusal + " Teams serving it: " + String.join(", ", serving)
					+ "; return the incident to the service desk to escalate to one of them.");
		}
		return Optional
			.of(refusal + " Choose a team that serves it in " + variable + ": " + String.join(", ", serving) + ".");
	}

	boolean exists(String group) {
		return group != null && this.identity.createGroupQuery().groupId(group).count() > 0;
	}

	static boolean isSupportTeam(String group) {
		return group != null && (group.startsWith("support-") || group.startsWith("vendor-"));
	}

	private static String capitalised(String text) {
		return Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

}

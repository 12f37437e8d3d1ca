package org.incidentdesk.incident.process;

import java.util.List;

import org.camunda.bpm.engine.impl.identity.Authentication;
import org.incidentdesk.system.CurrentUser;

/**
 * Who sends a request to the engine's surfaces ({@code /engine-rest}, the webapps), as
 * Camunda authenticated them.
 */
record EngineActor(String id, List<String> groups, List<String> tenants) {

	EngineActor {
		groups = (groups != null) ? List.copyOf(groups) : List.of();
		tenants = (tenants != null) ? List.copyOf(tenants) : List.of();
	}

	static EngineActor of(Authentication authentication) {
		return new EngineActor(authentication.getUserId(), authentication.getGroupIds(), authentication.getTenantIds());
	}

	Authentication authentication() {
		return new Authentication(this.id, this.groups, this.tenants);
	}

	boolean isAdministrator() {
		return this.groups.contains(CurrentUser.ADMINISTRATORS);
	}

	boolean isAuditor() {
		return this.groups.contains(CurrentUser.AUDITORS);
	}

	/**
	 * Callers of the customer organisations; their surfaces are the portal and /api/v1.
	 */
	boolean isCaller() {
		return this.groups.contains(CurrentUser.CUSTOMERS);
	}

}

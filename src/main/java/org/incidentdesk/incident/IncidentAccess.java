package org.incidentdesk.incident;

import org.incidentdesk.system.CurrentUser;
import org.incidentdesk.tenancy.AccessPolicy;
import org.springframework.stereotype.Component;

/**
 * Who may see which incident, as {@link AccessPolicy#maySeeIncident} decides. An incident
 * one may not see does not exist for them (404), so guessing numbers reveals nothing.
 */
@Component
public class IncidentAccess {

	private final IncidentRecords records;

	IncidentAccess(IncidentRecords records) {
		this.records = records;
	}

	public Incident visible(String number, CurrentUser user) {
		Incident incident = this.records.find(number).orElseThrow(() -> new IncidentNotFoundException(number));
		if (!canSee(user, incident)) {
			throw new IncidentNotFoundException(number);
		}
		return incident;
	}

	public boolean canSee(CurrentUser user, Incident incident) {
		return AccessPolicy.maySeeIncident(user, incident.callerId(), incident.tenantId());
	}

}

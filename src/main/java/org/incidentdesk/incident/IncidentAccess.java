package org.incidentdesk.incident;

import org.incidentdesk.system.CurrentUser;
import org.springframework.stereotype.Component;

/**
 * Who may see which incident. Callers see their own (organisation viewers among them also
 * their organisation's); provider staff see the tenants they serve; auditors and
 * administrators see all. An incident one may not see does not exist for them (404), so
 * guessing numbers reveals nothing.
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
		if (user.isMemberOf(CurrentUser.AUDITORS) || user.isMemberOf(CurrentUser.ADMINISTRATORS)) {
			return true;
		}
		if (user.isCaller()) {
			return incident.callerId().equals(user.id())
					|| (user.seesOrganisation() && user.serves(incident.tenantId()));
		}
		return user.serves(incident.tenantId());
	}

}

package org.incidentdesk.history;

import java.util.List;
import java.util.Optional;

import org.incidentdesk.audit.AuditTrail;
import org.incidentdesk.audit.ChainVerification;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentAccess;
import org.incidentdesk.system.CurrentUser;
import org.incidentdesk.system.RefusedRequestException;
import org.springframework.stereotype.Service;

/**
 * The auditors' view of an incident, for every surface that shows it (the history API and
 * the portal's history page): who may read it, its merged history, the check of its
 * timeline's chain, the path its process took and the diagram of the process version it
 * ran. Read only.
 */
@Service
public class IncidentAudits {

	private final IncidentAccess access;

	private final IncidentHistory history;

	private final AuditTrail trail;

	private final ProcessPaths paths;

	IncidentAudits(IncidentAccess access, IncidentHistory history, AuditTrail trail, ProcessPaths paths) {
		this.access = access;
		this.history = history;
		this.trail = trail;
		this.paths = paths;
	}

	/**
	 * The incident, if the user may read its audit history: staff who see the incident
	 * (the tenants they serve; auditors and administrators all). Callers are refused
	 * before the incident is looked up, so they learn nothing about numbers that are not
	 * theirs; an incident the user may not see does not exist for them.
	 */
	public Incident readable(String number, CurrentUser user) {
		if (user.isCaller()) {
			throw RefusedRequestException.notAllowed(null,
					"Callers cannot read the audit history. Read the incident's timeline instead.");
		}
		return this.access.visible(number, user);
	}

	/**
	 * The record's timeline and the process history in one chronological list
	 * ({@link IncidentHistory}).
	 */
	public List<HistoryEntry> history(Incident incident) {
		return this.history.of(incident);
	}

	/** The history as CSV, as the history API exports it. */
	public String csv(List<HistoryEntry> entries) {
		return HistoryCsv.write(entries);
	}

	/** Recomputes the hash chain of the incident's timeline. */
	public ChainVerification verification(Incident incident) {
		return this.trail.verify(incident.id());
	}

	/**
	 * The path the incident's process took; empty if it has no process instance or
	 * history cleanup removed its history.
	 */
	public Optional<ProcessPath> path(Incident incident) {
		return (incident.processInstanceId() != null) ? this.paths.of(incident.processInstanceId()) : Optional.empty();
	}

	/**
	 * The BPMN XML of the process version the incident's process ran; empty as for
	 * {@link #path}.
	 */
	public Optional<String> diagram(Incident incident) {
		return (incident.processInstanceId() != null) ? this.paths.diagram(incident.processInstanceId())
				: Optional.empty();
	}

}

package org.incidentdesk.incident;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * The incident record as the other features read it. They change an incident only through
 * {@link IncidentService}, the entries {@link IncidentTimeline} offers, or the incident's
 * process; {@link IncidentRecords}, the one writer, is the incident module's own
 * ({@code ModularityTests} checks that nobody else uses it).
 */
@Component
public class Incidents {

	private final IncidentRecords records;

	Incidents(IncidentRecords records) {
		this.records = records;
	}

	public Optional<Incident> find(String number) {
		return this.records.find(number);
	}

	/**
	 * @throws IncidentNotFoundException if there is no such incident
	 */
	public Incident get(String number) {
		return this.records.get(number);
	}

	/** The timeline, oldest first; callers see it without the internal entries. */
	public List<Activity> timeline(String number, boolean includeInternal) {
		return this.records.timeline(number, includeInternal);
	}

}

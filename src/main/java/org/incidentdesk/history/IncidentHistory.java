package org.incidentdesk.history;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.incidentdesk.audit.AuditTrail;
import org.incidentdesk.audit.TrailEntry;
import org.incidentdesk.history.HistoryEntry.Source;
import org.incidentdesk.incident.Incident;
import org.springframework.stereotype.Service;

/**
 * An incident's audit history: its record's timeline and its process instance's history,
 * merged into one chronological list. At the same instant the record's entries come
 * first, then the process's, each in the order it was written.
 */
@Service
class IncidentHistory {

	private final AuditTrail trail;

	private final ProcessHistory process;

	IncidentHistory(AuditTrail trail, ProcessHistory process) {
		this.trail = trail;
		this.process = process;
	}

	List<HistoryEntry> of(Incident incident) {
		List<HistoryEntry> entries = new ArrayList<>();
		for (TrailEntry row : this.trail.entries(incident.id())) {
			entries.add(recordEntry(row));
		}
		if (incident.processInstanceId() != null) {
			List<HistoryEntry> process = this.process.of(incident.processInstanceId());
			entries.addAll(process.isEmpty() ? List.of(removedByRetention(incident)) : process);
		}
		// List.sort is stable, so ties keep the order above.
		entries.sort(Comparator.comparing(entry -> entry.at().toInstant()));
		return entries;
	}

	/**
	 * Nothing deletes an incident's process history through the API (see the
	 * {@code audit} module's {@code HistoryDeletionGuard}), and a running process has no
	 * removal time, so missing history means history cleanup removed it after the
	 * incident was closed. The record's timeline is kept.
	 */
	private static HistoryEntry removedByRetention(Incident incident) {
		OffsetDateTime at = (incident.closedAt() != null) ? incident.closedAt() : incident.updatedAt();
		return new HistoryEntry(at.withOffsetSameInstant(ZoneOffset.UTC), Source.PROCESS, "PROCESS_HISTORY_REMOVED",
				null,
				"The process history (process instance " + incident.processInstanceId() + ") was removed by "
						+ "retention: history cleanup removes it when its history time to live after the incident's "
						+ "closure has passed. The incident record's own timeline is kept.",
				null, null, null, null);
	}

	private static HistoryEntry recordEntry(TrailEntry row) {
		return new HistoryEntry(row.createdAt().withOffsetSameInstant(ZoneOffset.UTC), Source.RECORD, row.kind(),
				row.author(), describe(row), row.field(), row.oldValue(), row.newValue(), row.hash());
	}

	private static String describe(TrailEntry row) {
		if (row.body() != null) {
			return row.body();
		}
		if (row.field() != null) {
			return "Changed " + row.field() + " from " + orNone(row.oldValue()) + " to " + orNone(row.newValue()) + ".";
		}
		return row.kind();
	}

	private static String orNone(String value) {
		return (value != null) ? value : "(none)";
	}

}

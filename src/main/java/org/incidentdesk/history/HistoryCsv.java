package org.incidentdesk.history;

import java.util.Arrays;
import java.util.List;

import org.incidentdesk.system.CsvWriter;

/**
 * Writes the history as CSV for auditors' spreadsheets ({@link CsvWriter}: RFC 4180, and
 * cells that start like a formula are neutralised).
 */
final class HistoryCsv {

	static final List<String> HEADER = List.of("at", "source", "kind", "actor", "description", "field", "oldValue",
			"newValue", "hash");

	private HistoryCsv() {
	}

	static String write(List<HistoryEntry> entries) {
		CsvWriter csv = new CsvWriter().line(HEADER);
		for (HistoryEntry entry : entries) {
			csv.line(
					Arrays.asList(entry.at().toInstant().toString(), entry.source().name(), entry.kind(), entry.actor(),
							entry.description(), entry.field(), entry.oldValue(), entry.newValue(), entry.hash()));
		}
		return csv.toString();
	}

}

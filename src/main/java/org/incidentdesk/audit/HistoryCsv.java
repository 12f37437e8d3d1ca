package org.incidentdesk.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes the history as CSV (RFC 4180: comma separated, CRLF line ends, fields with a
 * comma, quote or line break in double quotes, quotes doubled). Auditors open it in
 * spreadsheets, so a cell that starts like a formula ({@code = + - @}, tab or carriage
 * return) gets a leading apostrophe and is shown as text instead of being run (OWASP "CSV
 * injection").
 */
final class HistoryCsv {

	static final List<String> HEADER = List.of("at", "source", "kind", "actor", "description", "field", "oldValue",
			"newValue", "hash");

	private HistoryCsv() {
	}

	static String write(List<HistoryEntry> entries) {
		StringBuilder csv = new StringBuilder();
		line(csv, HEADER);
		for (HistoryEntry entry : entries) {
			List<String> cells = new ArrayList<>();
			cells.add(entry.at().toInstant().toString());
			cells.add(entry.source().name());
			cells.add(entry.kind());
			cells.add(entry.actor());
			cells.add(entry.description());
			cells.add(entry.field());
			cells.add(entry.oldValue());
			cells.add(entry.newValue());
			cells.add(entry.hash());
			line(csv, cells);
		}
		return csv.toString();
	}

	private static void line(StringBuilder csv, List<String> cells) {
		for (int i = 0; i < cells.size(); i++) {
			if (i > 0) {
				csv.append(',');
			}
			csv.append(cell(cells.get(i)));
		}
		csv.append("\r\n");
	}

	static String cell(String value) {
		if (value == null || value.isEmpty()) {
			return "";
		}
		String text = startsLikeAFormula(value) ? "'" + value : value;
		if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
			return "\"" + text.replace("\"", "\"\"") + "\"";
		}
		return text;
	}

	private static boolean startsLikeAFormula(String value) {
		char first = value.charAt(0);
		return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
	}

}

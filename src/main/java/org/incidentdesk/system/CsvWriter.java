package org.incidentdesk.system;

import java.util.List;

/**
 * Writes CSV (RFC 4180: comma separated, CRLF line ends, fields with a comma, quote or
 * line break in double quotes, quotes doubled) for people who open it in spreadsheets: a
 * cell that starts like a formula ({@code = + - @}, tab or carriage return) gets a
 * leading apostrophe and is shown as text instead of being run (OWASP "CSV injection").
 */
public final class CsvWriter {

	private final StringBuilder csv = new StringBuilder();

	public CsvWriter line(List<?> cells) {
		for (int i = 0; i < cells.size(); i++) {
			if (i > 0) {
				this.csv.append(',');
			}
			Object value = cells.get(i);
			this.csv.append(cell((value != null) ? value.toString() : null));
		}
		this.csv.append("\r\n");
		return this;
	}

	@Override
	public String toString() {
		return this.csv.toString();
	}

	public static String cell(String value) {
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

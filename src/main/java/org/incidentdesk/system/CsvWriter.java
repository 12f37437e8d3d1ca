package org.incidentdesk.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.commons.csv.CSVFormat;

/**
 * Writes CSV with Commons CSV (RFC 4180: comma separated, CRLF line ends, fields with a
 * comma, quote or line break in double quotes, quotes doubled) for people who open it in
 * spreadsheets: a cell that starts like a formula ({@code = + - @}, tab or carriage
 * return) gets a leading apostrophe and is shown as text instead of being run (OWASP "CSV
 * injection").
 */
public final class CsvWriter {

	private final StringBuilder csv = new StringBuilder();

	public CsvWriter line(List<?> cells) {
		try {
			CSVFormat.RFC4180.printRecord(this.csv, cells.stream().map(CsvWriter::neutralised).toArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("A StringBuilder does not fail", ex);
		}
		return this;
	}

	@Override
	public String toString() {
		return this.csv.toString();
	}

	private static String neutralised(Object value) {
		if (value == null) {
			return null;
		}
		String text = value.toString();
		return startsLikeAFormula(text) ? "'" + text : text;
	}

	private static boolean startsLikeAFormula(String value) {
		if (value.isEmpty()) {
			return false;
		}
		char first = value.charAt(0);
		return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
	}

}

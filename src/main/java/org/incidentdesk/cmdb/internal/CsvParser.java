package org.incidentdesk.cmdb.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads comma-separated values as RFC 4180 describes them: fields may be quoted, a quote
 * inside a quoted field is written twice, and quoted fields may hold commas and line
 * breaks.
 * <p>
 * Lenient where files from spreadsheets differ from the RFC: records may end with LF as
 * well as CRLF, a trailing line break is optional, a leading byte order mark is dropped,
 * and empty lines are skipped rather than read as records with one empty field. Strict
 * where leniency would silently change data: a stray quote in an unquoted field, text
 * after a closing quote and an unterminated quote are errors.
 * <p>
 * The project has no CSV library, and the import needs only this much.
 */
public final class CsvParser {

	private CsvParser() {
	}

	/**
	 * Parses the whole text.
	 * @throws CsvFormatException naming the line where the text stops being CSV
	 */
	public static List<CsvRecord> parse(String text) {
		List<CsvRecord> records = new ArrayList<>();
		List<String> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		int line = 1;
		int recordLine = 1;
		int i = (!text.isEmpty() && text.charAt(0) == '\uFEFF') ? 1 : 0;
		boolean quoted = false;
		// Whether the current field began with a quote (and so has been closed when
		// quoted is false).
		boolean wasQuoted = false;
		boolean recordStarted = false;
		while (i < text.length()) {
			char c = text.charAt(i);
			if (quoted) {
				if (c == '"') {
					if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
						field.append('"');
						i += 2;
						continue;
					}
					quoted = false;
				}
				else {
					if (c == '\n') {
						line++;
					}
					field.append(c);
				}
				i++;
				continue;
			}
			if (c == ',') {
				fields.add(field.toString());
				field.setLength(0);
				wasQuoted = false;
				recordStarted = true;
				i++;
			}
			else if (c == '\r' || c == '\n') {
				if (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n')) {
					throw new CsvFormatException(line, "a carriage return must be followed by a line feed");
				}
				if (recordStarted || field.length() > 0 || wasQuoted) {
					fields.add(field.toString());
					records.add(new CsvRecord(recordLine, fields));
				}
				fields = new ArrayList<>();
				field.setLength(0);
				wasQuoted = false;
				recordStarted = false;
				i += (c == '\r') ? 2 : 1;
				line++;
				recordLine = line;
			}
			else if (wasQuoted) {
				throw new CsvFormatException(line, "only a comma or a line break may follow a closing quote");
			}
			else if (c == '"') {
				if (field.length() > 0) {
					throw new CsvFormatException(line,
							"a quote inside an unquoted field; quote the whole field and double the quote");
				}
				quoted = true;
				wasQuoted = true;
				i++;
			}
			else {
				field.append(c);
				i++;
			}
		}
		if (quoted) {
			throw new CsvFormatException(recordLine, "a quoted field is not closed");
		}
		if (recordStarted || field.length() > 0 || wasQuoted) {
			fields.add(field.toString());
			records.add(new CsvRecord(recordLine, fields));
		}
		return records;
	}

}

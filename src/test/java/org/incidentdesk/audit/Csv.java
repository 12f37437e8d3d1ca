package org.incidentdesk.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * A strict RFC 4180 reader for the tests: quoted fields, doubled quotes, CRLF line ends.
 */
final class Csv {

	private Csv() {
	}

	static List<List<String>> parse(String text) {
		List<List<String>> rows = new ArrayList<>();
		List<String> row = new ArrayList<>();
		StringBuilder cell = new StringBuilder();
		boolean quoted = false;
		int i = 0;
		while (i < text.length()) {
			char c = text.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
					cell.append('"');
					i += 2;
					continue;
				}
				if (c == '"') {
					quoted = false;
				}
				else {
					cell.append(c);
				}
			}
			else if (c == '"') {
				if (cell.length() > 0) {
					throw new IllegalArgumentException("Quote inside an unquoted field at " + i);
				}
				quoted = true;
			}
			else if (c == ',') {
				row.add(cell.toString());
				cell.setLength(0);
			}
			else if (c == '\r') {
				if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
					throw new IllegalArgumentException("CR without LF at " + i);
				}
				row.add(cell.toString());
				cell.setLength(0);
				rows.add(row);
				row = new ArrayList<>();
				i += 2;
				continue;
			}
			else if (c == '\n') {
				throw new IllegalArgumentException("LF without CR at " + i);
			}
			else {
				cell.append(c);
			}
			i++;
		}
		if (quoted) {
			throw new IllegalArgumentException("Unterminated quoted field");
		}
		if (cell.length() > 0 || !row.isEmpty()) {
			throw new IllegalArgumentException("The last line has no CRLF");
		}
		return rows;
	}

}

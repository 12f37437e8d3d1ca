package org.incidentdesk.cmdb.internal;

import java.util.List;

/**
 * One record of a CSV text.
 *
 * @param line the line on which the record starts, counting from 1 (a quoted field may
 * span lines)
 * @param fields the fields, unquoted
 */
public record CsvRecord(int line, List<String> fields) {

	public CsvRecord {
		fields = List.copyOf(fields);
	}

}

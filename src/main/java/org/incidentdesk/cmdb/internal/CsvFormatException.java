package org.incidentdesk.cmdb.internal;

/** The text is not CSV from the given line on. */
public class CsvFormatException extends RuntimeException {

	private final int line;

	public CsvFormatException(int line, String message) {
		super("line " + line + ": " + message);
		this.line = line;
	}

	public int line() {
		return this.line;
	}

}

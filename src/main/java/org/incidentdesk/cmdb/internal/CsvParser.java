package org.incidentdesk.cmdb.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads comma-separated values as RFC 4180 describes them, with Commons CSV: fields may
 * be quoted, a quote inside a quoted field is written twice, and quoted fields may hold
 * commas and line breaks.
 * <p>
 * Lenient where files from spreadsheets differ from the RFC: records may end with LF as
 * well as CRLF, a trailing line break is optional, a leading byte order mark is dropped,
 * and empty lines are skipped rather than read as records with one empty field. Strict
 * where leniency would silently change data: a stray quote in an unquoted field, text
 * after a closing quote (spaces too), an unterminated quote and a carriage return without
 * a line feed are errors.
 * <p>
 * Commons CSV lets all four pass, and it does not tell on which line a record starts. So
 * each record it reads is followed through the text ({@link Cursor}), which counts the
 * lines and refuses those four.
 */
public final class CsvParser {

	/**
	 * RFC 4180 (comma, double quote) keeps empty lines, so every character of the text
	 * belongs to a record; it is told to keep text after a closing quote and an unclosed
	 * quote too, so that the {@link Cursor} refuses them with the line they are on.
	 */
	private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setTrailingData(true).setLenientEof(true).get();

	private CsvParser() {
	}

	/**
	 * Parses the whole text.
	 * @throws CsvFormatException naming the line where the text stops being CSV
	 */
	public static List<CsvRecord> parse(String text) {
		String csv = text.startsWith("\uFEFF") ? text.substring(1) : text;
		Cursor cursor = new Cursor(csv);
		List<CsvRecord> records = new ArrayList<>();
		try (CSVParser parser = FORMAT.parse(new StringReader(csv))) {
			for (CSVRecord record : parser) {
				int line = cursor.line;
				if (cursor.pass(record.values())) {
					records.add(new CsvRecord(line, record.toList()));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return records;
	}

	/** Where Commons CSV is in the text, record by record. */
	private static final class Cursor {

		private final String text;

		private int at;

		private int line = 1;

		Cursor(String text) {
			this.text = text;
		}

		/**
		 * Moves past the record with these fields and its line break.
		 * @return whether the record has content, which an empty line has not
		 */
		boolean pass(String[] fields) {
			int recordLine = this.line;
			boolean empty = fields.length == 1;
			for (int i = 0; i < fields.length; i++) {
				if (i > 0) {
					this.at++;
				}
				if (this.text.startsWith("\"", this.at)) {
					passQuoted(fields[i], recordLine);
					empty = false;
				}
				else if (fields[i].contains("\"")) {
					throw new CsvFormatException(this.line,
							"a quote inside an unquoted field; quote the whole field and double the quote");
				}
				else {
					this.at += fields[i].length();
					empty &= fields[i].isEmpty();
				}
			}
			if (this.text.startsWith("\r\n", this.at) || this.text.startsWith("\n", this.at)) {
				move(this.text.charAt(this.at) == '\r' ? 2 : 1);
			}
			else if (this.text.startsWith("\r", this.at)) {
				throw new CsvFormatException(this.line, "a carriage return must be followed by a line feed");
			}
			return !empty;
		}

		/**
		 * The field is what stood between the quotes, followed by what stood after the
		 * closing quote up to the next comma or line break.
		 */
		private void passQuoted(String field, int recordLine) {
			String quoted = "\"" + field.replace("\"", "\"\"") + "\"";
			if (this.text.startsWith(quoted, this.at)) {
				move(quoted.length());
				return;
			}
			String unclosed = quoted.substring(0, quoted.length() - 1);
			if (this.text.startsWith(unclosed, this.at) && this.at + unclosed.length() == this.text.length()) {
				throw new CsvFormatException(recordLine, "a quoted field is not closed");
			}
			// Text and field part at the closing quote.
			int same = 0;
			while (this.text.charAt(this.at + same) == quoted.charAt(same)) {
				same++;
			}
			move(same);
			throw new CsvFormatException(this.line, "only a comma or a line break may follow a closing quote");
		}

		private void move(int length) {
			for (int end = this.at + length; this.at < end; this.at++) {
				if (this.text.charAt(this.at) == '\n') {
					this.line++;
				}
			}
		}

	}

}

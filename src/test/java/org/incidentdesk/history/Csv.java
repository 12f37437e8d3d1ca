package org.incidentdesk.history;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads CSV in the tests with Commons CSV, and checks that every line ends with CRLF as
 * RFC 4180 says.
 */
public final class Csv {

	private Csv() {
	}

	public static List<List<String>> parse(String text) {
		List<List<String>> rows = new ArrayList<>();
		try (CSVParser parser = CSVFormat.RFC4180.parse(new StringReader(text))) {
			for (CSVRecord record : parser) {
				int start = (int) record.getCharacterPosition();
				assertThat(start == 0 || text.startsWith("\r\n", start - 2)).as("record %d ends with CRLF", rows.size())
					.isTrue();
				rows.add(record.toList());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		assertThat(text).as("the last record ends with CRLF").endsWith("\r\n");
		return rows;
	}

}

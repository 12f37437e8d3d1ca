package org.incidentdesk.cmdb.internal;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CsvParserTests {

	@Test
	void readsPlainFieldsSeparatedByCommasAndCrlf() {
		// When
		List<CsvRecord> records = CsvParser.parse("name,type\r\nmail-01,HARDWARE\r\n");

		// Then
		assertThat(records).containsExactly(new CsvRecord(1, List.of("name", "type")),
				new CsvRecord(2, List.of("mail-01", "HARDWARE")));
	}

	@Test
	void acceptsLineFeedsAndAMissingFinalLineBreak() {
		// When
		List<CsvRecord> records = CsvParser.parse("a,b\nc,d");

		// Then
		assertThat(records).containsExactly(new CsvRecord(1, List.of("a", "b")), new CsvRecord(2, List.of("c", "d")));
	}

	@Test
	void readsCommasQuotesAndLineBreaksInsideQuotedFields() {
		// Given
		String text = "\"Floor 3, room 12\",\"the \"\"big\"\" one\",\"two\r\nlines\"\r\nnext,row,here\r\n";

		// When
		List<CsvRecord> records = CsvParser.parse(text);

		// Then the record after the quoted line break starts on line 3
		assertThat(records).containsExactly(
				new CsvRecord(1, List.of("Floor 3, room 12", "the \"big\" one", "two\r\nlines")),
				new CsvRecord(3, List.of("next", "row", "here")));
	}

	@Test
	void keepsEmptyFieldsIncludingATrailingOne() {
		// When
		List<CsvRecord> records = CsvParser.parse("a,,\"\",\n");

		// Then
		assertThat(records).containsExactly(new CsvRecord(1, List.of("a", "", "", "")));
	}

	@Test
	void skipsEmptyLinesButCountsThem() {
		// When
		List<CsvRecord> records = CsvParser.parse("a\r\n\r\n\nb\r\n");

		// Then
		assertThat(records).containsExactly(new CsvRecord(1, List.of("a")), new CsvRecord(4, List.of("b")));
	}

	@Test
	void readsALineWithOnlyAnEmptyQuotedFieldAsARecord() {
		// When
		List<CsvRecord> records = CsvParser.parse("\"\"\n");

		// Then
		assertThat(records).containsExactly(new CsvRecord(1, List.of("")));
	}

	@Test
	void dropsAByteOrderMark() {
		// When
		List<CsvRecord> records = CsvParser.parse("\uFEFFname\n");

		// Then
		assertThat(records).containsExactly(new CsvRecord(1, List.of("name")));
	}

	@Test
	void keepsSpacesAroundUnquotedFields() {
		// When
		List<CsvRecord> records = CsvParser.parse(" a , b ");

		// Then
		assertThat(records).containsExactly(new CsvRecord(1, List.of(" a ", " b ")));
	}

	@Test
	void readsNothingFromAnEmptyText() {
		// When / Then
		assertThat(CsvParser.parse("")).isEmpty();
	}

	@Test
	void rejectsAnUnterminatedQuoteNamingTheLineWhereTheFieldStarts() {
		// When / Then
		assertThatExceptionOfType(CsvFormatException.class).isThrownBy(() -> CsvParser.parse("a\n\"b,\nc\n"))
			.withMessage("line 2: a quoted field is not closed")
			.satisfies((ex) -> assertThat(ex.line()).isEqualTo(2));
	}

	@Test
	void rejectsAQuoteInsideAnUnquotedField() {
		// When / Then
		assertThatExceptionOfType(CsvFormatException.class).isThrownBy(() -> CsvParser.parse("a\nsay \"hi\"\n"))
			.withMessageStartingWith("line 2: a quote inside an unquoted field");
	}

	@Test
	void rejectsTextAfterAClosingQuote() {
		// When / Then
		assertThatExceptionOfType(CsvFormatException.class).isThrownBy(() -> CsvParser.parse("\"a\"b,c\n"))
			.withMessage("line 1: only a comma or a line break may follow a closing quote");
	}

	@Test
	void rejectsALoneCarriageReturn() {
		// When / Then
		assertThatExceptionOfType(CsvFormatException.class).isThrownBy(() -> CsvParser.parse("a\rb\n"))
			.withMessage("line 1: a carriage return must be followed by a line feed");
	}

}

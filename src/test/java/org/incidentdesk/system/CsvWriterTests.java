package org.incidentdesk.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvWriterTests {

	@Test
	void quotesCommasQuotesAndLineBreaksAsRfc4180Says() {
		assertThat(CsvWriter.cell("plain")).isEqualTo("plain");
		assertThat(CsvWriter.cell("a, b")).isEqualTo("\"a, b\"");
		assertThat(CsvWriter.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
		assertThat(CsvWriter.cell("one\r\ntwo")).isEqualTo("\"one\r\ntwo\"");
		assertThat(CsvWriter.cell(null)).isEmpty();
	}

	@Test
	void neutralisesCellsThatASpreadsheetWouldRunAsAFormula() {
		assertThat(CsvWriter.cell("=cmd|' /C calc'!A0")).isEqualTo("'=cmd|' /C calc'!A0");
		assertThat(CsvWriter.cell("+1")).isEqualTo("'+1");
		assertThat(CsvWriter.cell("-1")).isEqualTo("'-1");
		assertThat(CsvWriter.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
		assertThat(CsvWriter.cell("=HYPERLINK(\"x\",\"y\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
		assertThat(CsvWriter.cell("a=b")).isEqualTo("a=b");
	}

}

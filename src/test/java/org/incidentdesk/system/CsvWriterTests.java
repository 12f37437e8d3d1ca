package org.incidentdesk.system;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvWriterTests {

	@Test
	void quotesCommasQuotesAndLineBreaksAsRfc4180Says() {
		assertThat(line("plain")).isEqualTo("plain\r\n");
		assertThat(line("a, b")).isEqualTo("\"a, b\"\r\n");
		assertThat(line("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"\r\n");
		assertThat(line("one\r\ntwo")).isEqualTo("\"one\r\ntwo\"\r\n");
		assertThat(line((Object) null)).isEqualTo("\r\n");
		assertThat(line("a", null, 1L, "b")).isEqualTo("a,,1,b\r\n");
	}

	@Test
	void neutralisesCellsThatASpreadsheetWouldRunAsAFormula() {
		assertThat(line("=cmd|' /C calc'!A0")).isEqualTo("'=cmd|' /C calc'!A0\r\n");
		assertThat(line("+1")).isEqualTo("'+1\r\n");
		assertThat(line("-1")).isEqualTo("'-1\r\n");
		assertThat(line("@SUM(A1)")).isEqualTo("'@SUM(A1)\r\n");
		assertThat(line("=HYPERLINK(\"x\",\"y\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"\r\n");
		assertThat(line("\tx")).isEqualTo("'\tx\r\n");
		assertThat(line("\rx")).isEqualTo("\"'\rx\"\r\n");
		assertThat(line(-1L)).isEqualTo("'-1\r\n");
		assertThat(line("a=b")).isEqualTo("a=b\r\n");
	}

	private static String line(Object... cells) {
		return new CsvWriter().line(Arrays.asList(cells)).toString();
	}

}

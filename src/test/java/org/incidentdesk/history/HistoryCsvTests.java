package org.incidentdesk.history;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.incidentdesk.history.HistoryEntry.Source;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryCsvTests {

	@Test
	void writesAHeaderAndOneLinePerEntryThatParseBack() {
		OffsetDateTime at = OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 6_000_000, ZoneOffset.ofHours(7));
		String csv = HistoryCsv.write(List.of(
				new HistoryEntry(at, Source.RECORD, "COMMENT", "alice", "Line one,\n\"two\"", null, null, null, "ab"),
				new HistoryEntry(at, Source.PROCESS, "TIMER_FIRED", null, "Timer fired.", null, null, null, null)));

		List<List<String>> rows = Csv.parse(csv);

		assertThat(rows).hasSize(3);
		assertThat(rows.get(0)).isEqualTo(HistoryCsv.HEADER);
		assertThat(rows.get(1)).containsExactly("2026-01-01T20:04:05.006Z", "RECORD", "COMMENT", "alice",
				"Line one,\n\"two\"", "", "", "", "ab");
		assertThat(rows.get(2)).containsExactly("2026-01-01T20:04:05.006Z", "PROCESS", "TIMER_FIRED", "",
				"Timer fired.", "", "", "", "");
	}

}

package org.incidentdesk.benchmark;

import java.util.List;
import java.util.Map;

import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.incident.Channel;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.Level;
import org.incidentdesk.incident.ReportIncident;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IncidentDeskTest
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
/**
 * Counts the SQL statements one report runs, with H2's query statistics: five reports to
 * warm up, then ten counted. Runs only when asked for:
 *
 * <pre>
 * mvn test -Dtest=StatementCountBenchmark -Dbenchmark=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * It prints lines starting with {@code STATEMENTS}: each statement run at least once per
 * report, and the total; see docs/benchmarks.md.
 */
class StatementCountBenchmark {

	@Autowired
	IncidentService incidents;

	@Autowired
	JdbcClient jdbc;

	@Test
	void countsTheStatementsOfAReport() {
		for (int i = 0; i < 5; i++) {
			report(i);
		}
		this.jdbc.sql("set query_statistics true").update();
		this.jdbc.sql("set query_statistics_max_entries 10000").update();
		for (int i = 0; i < 10; i++) {
			report(100 + i);
		}
		List<Map<String, Object>> rows = this.jdbc.sql(
				"select sql_statement, execution_count from information_schema.query_statistics order by execution_count desc")
			.query()
			.listOfRows();
		long total = 0;
		for (Map<String, Object> row : rows) {
			String sql = String.valueOf(row.get("SQL_STATEMENT"));
			long count = ((Number) row.get("EXECUTION_COUNT")).longValue();
			if (sql.contains("query_statistics")) {
				continue;
			}
			total += count;
			if (count >= 10) {
				String oneLine = sql.replaceAll("\\s+", " ");
				System.out.println(
						"STATEMENTS " + (count / 10.0) + "  " + oneLine.substring(0, Math.min(110, oneLine.length())));
			}
		}
		System.out.println("STATEMENTS per report: " + (total / 10.0));
	}

	private void report(int i) {
		this.incidents.report(new ReportIncident("acme", "alice", null, Channel.PORTAL, "VPN cannot connect " + i,
				"The VPN client keeps asking for my password.", "network", "ACME-VPN", Level.MEDIUM, Level.MEDIUM));
	}

}

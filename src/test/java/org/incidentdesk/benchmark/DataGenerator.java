package org.incidentdesk.benchmark;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Fills the database for the benchmark with bulk SQL: one {@code INSERT ... SELECT} per
 * chunk over a generated row range ({@code SYSTEM_RANGE} on H2, {@code generate_series}
 * on PostgreSQL), so a million rows take seconds to a minute instead of the hours the API
 * would need.
 * <p>
 * Numbers come from the same sequences the application uses ({@code incident_number_seq},
 * {@code knowledge_number_seq}), one value per row, so numbers stay unique and the next
 * incident reported through the API continues after the generated ones.
 * <p>
 * Generated incidents are record rows only: closed, resolved by the service desk, with no
 * process instance, timeline, suggestions or notifications. That is what the list and
 * search read; the timeline and process of an old closed incident are never read by a
 * list. They belong to the tenants {@code acme} and {@code globex}, whose callers are
 * alice, bob, citra and dodi, so the service desk sees all of them and each caller their
 * own.
 */
final class DataGenerator {

	private static final int CHUNK = 100_000;

	private static final String[] THINGS = { "Printer", "Laptop", "VPN client", "Outlook", "Monitor", "Docking station",
			"Wi-Fi", "Badge reader", "Scanner", "Desk phone", "Teams", "Shared drive" };

	private static final String[] PROBLEMS = { "does not start", "is very slow", "shows an error",
			"keeps disconnecting", "cannot be reached", "freezes after login", "jams every few pages",
			"asks for the password again", "flickers", "lost its settings", "does not print", "is out of toner" };

	private static final String[] PLACES = { "on the third floor", "in the warehouse", "at the front desk",
			"in meeting room B", "at home", "in the Jakarta office", "at the loading dock", "in finance" };

	private static final String[] FIXES = { "Restart the device and sign in again.",
			"Clear the saved credentials and reconnect.", "Replace the toner cartridge and run a test page.",
			"Update the driver from the software centre.", "Reset the network adapter.",
			"Remove the jammed paper from tray 2 and close all covers.", "Reinstall the client.",
			"Ask the service desk to reset the account." };

	/** What every generated description adds to its summary. */
	private static final String DESCRIPTION_TAIL = " since this morning.";

	private static final String[] CATEGORIES = { "hardware", "hardware", "network", "software", "hardware", "hardware",
			"network", "access", "hardware", "hardware", "software", "network" };

	private final JdbcTemplate jdbc;

	private final boolean postgres;

	DataGenerator(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.postgres = isPostgres(dataSource);
	}

	/**
	 * Adds {@code count} closed incidents, created over the past months (every 30 s
	 * before now), about one in twelve about a printer, with the words a text search
	 * finds them by ({@link #incidentTerms}).
	 * @return how many incidents there are now
	 */
	long incidents(int count) {
		long before = this.jdbc.queryForObject("select coalesce(max(id), 0) from incident", Long.class);
		for (int from = 1; from <= count; from += CHUNK) {
			int to = Math.min(count, from + CHUNK - 1);
			String summary = pick(THINGS, "x", 1) + " || ' ' || " + pick(PROBLEMS, "x", THINGS.length) + " || ' ' || "
					+ pick(PLACES, "x", THINGS.length * PROBLEMS.length);
			this.jdbc.update("""
					insert into incident (number, tenant_id, caller_id, channel, summary, description, category,
					    impact, urgency, priority, state, assignment_group, support_level, resolution_code,
					    resolution_notes, closure_code, first_contact_resolution, sla_met, responded_at, resolved_at,
					    closed_at, created_at, updated_at)
					select %s, case mod(x, 2) when 0 then 'acme' else 'globex' end,
					    case mod(x, 4) when 0 then 'alice' when 2 then 'bob' when 1 then 'citra' else 'dodi' end,
					    'PORTAL', %s, %s || '%s', %s, 'MEDIUM', 'MEDIUM', 'P3', 'CLOSED',
					    'service-desk', 1, 'SOLVED_PERMANENTLY', 'Generated for the benchmark.', 'SOLVED', true, true,
					    %s, %s, %s, %s, %s
					from %s
					""".formatted(number("INC", "incident_number_seq"), summary, summary, DESCRIPTION_TAIL,
					pick(CATEGORIES, "x", 1), ago("x * 30"), ago("x * 30"), ago("x * 30"), ago("x * 30 + 600"),
					ago("x * 30"), range(from, to)));
		}
		analyze("incident");
		long started = System.nanoTime();
		long terms = incidentTerms(before);
		analyze("incident_term");
		System.out.printf(
				"BENCHMARK filled %,d words of the new incidents (incident_term) in %.1f s, within the incidents' fill%n",
				terms, (System.nanoTime() - started) / 1e9);
		return this.jdbc.queryForObject("select count(*) from incident", Long.class);
	}

	/**
	 * The words the application writes for each incident (its {@code IncidentTerms}): the
	 * number, its digits with and without leading zeros, and the words of summary and
	 * description. A generated summary is one of 1,152 combinations of the word lists, so
	 * their words are listed once in a helper table and joined by summary, 100,000
	 * incidents at a time; the generated texts hold only letters, spaces, hyphens and a
	 * full stop, which split here as the application splits them.
	 * @return how many words were added
	 */
	private long incidentTerms(long afterId) {
		this.jdbc.execute("drop table if exists benchmark_summary_term");
		this.jdbc
			.execute("create table benchmark_summary_term (summary varchar(200) not null, term varchar(64) not null,"
					+ " primary key (summary, term))");
		List<Object[]> rows = new ArrayList<>();
		for (String thing : THINGS) {
			for (String problem : PROBLEMS) {
				for (String place : PLACES) {
					String summary = thing + " " + problem + " " + place;
					Set<String> words = new LinkedHashSet<>();
					for (String word : (summary + DESCRIPTION_TAIL).toLowerCase(Locale.ROOT)
						.split("[^\\p{L}\\p{N}]+")) {
						if (!word.isEmpty()) {
							words.add(word);
						}
					}
					words.forEach((word) -> rows.add(new Object[] { summary, word }));
				}
			}
		}
		this.jdbc.batchUpdate("insert into benchmark_summary_term (summary, term) values (?, ?)", rows);
		long maxId = this.jdbc.queryForObject("select coalesce(max(id), 0) from incident", Long.class);
		// As bulk loads do, the index by word is built once after the rows are in rather
		// than grown row by row: on H2 growing it took most of a quarter of an hour.
		this.jdbc.execute("drop index ix_incident_term_term");
		long added = 0;
		for (long from = afterId + 1; from <= maxId; from += CHUNK) {
			long to = Math.min(maxId, from + CHUNK - 1);
			String ids = " between " + from + " and " + to;
			added += this.jdbc
				.update("insert into incident_term (incident_id, term) select i.id, s.term from incident i"
						+ " join benchmark_summary_term s on s.summary = i.summary where i.id" + ids);
			added += this.jdbc
				.update("insert into incident_term (incident_id, term) select id, lower(number) from incident where id"
						+ ids);
			added += this.jdbc.update("insert into incident_term (incident_id, term)"
					+ " select id, substring(number from 4) from incident where id" + ids);
			added += this.jdbc.update("insert into incident_term (incident_id, term)"
					+ " select id, cast(cast(substring(number from 4) as bigint) as varchar(64)) from incident"
					+ " where number like 'INC0%' and id" + ids);
		}
		this.jdbc.execute("create index ix_incident_term_term on incident_term (term, incident_id)");
		this.jdbc.execute("drop table benchmark_summary_term");
		return added;
	}

	/**
	 * Adds {@code count} published articles: a third provider-wide, a third each for
	 * {@code acme} and {@code globex}; one in five internal; one in ten in Bahasa
	 * Indonesia. They were last changed a day ago or earlier, so the index catch-up,
	 * which looks at recent changes, leaves them to the rebuild that follows the fill.
	 * @return how many articles there are now
	 */
	long articles(int count) {
		for (int from = 1; from <= count; from += CHUNK) {
			int to = Math.min(count, from + CHUNK - 1);
			String title = pick(THINGS, "x", 1) + " || ' ' || " + pick(PROBLEMS, "x", THINGS.length);
			String symptoms = "'The ' || lower(" + pick(THINGS, "x", 1) + ") || ' ' || "
					+ pick(PROBLEMS, "x", THINGS.length) + " || ' ' || " + pick(PLACES, "x", 7) + " || '.'";
			this.jdbc.update("""
					insert into knowledge_article (number, tenant_id, kind, title, symptoms, resolution, tags,
					    language, visibility, state, created_by, created_at, updated_at, version)
					select %s, case mod(x, 3) when 0 then null when 1 then 'acme' else 'globex' end, 'ARTICLE',
					    %s || ' (' || %s || ')', %s, %s, lower(%s) || ',' || %s,
					    case mod(x, 10) when 9 then 'id' else 'en' end,
					    case mod(x, 5) when 4 then 'INTERNAL' else 'PUBLIC' end, 'PUBLISHED', 'benchmark', %s, %s, 0
					from %s
					""".formatted(number("KB", "knowledge_number_seq"), title, text("x"), symptoms, pick(FIXES, "x", 5),
					pick(THINGS, "x", 1), pick(CATEGORIES, "x", 1), ago("86400 + x"), ago("86400 + x"),
					range(from, to)));
		}
		analyze("knowledge_article");
		return this.jdbc.queryForObject("select count(*) from knowledge_article", Long.class);
	}

	long countIncidents() {
		return this.jdbc.queryForObject("select count(*) from incident", Long.class);
	}

	/** A number like the application's ({@code INC0001001}), from its sequence. */
	private String number(String prefix, String sequence) {
		String next = this.postgres ? "nextval('" + sequence + "')" : "next value for " + sequence;
		return "'" + prefix + "' || lpad(" + text(next) + ", 7, '0')";
	}

	/** One of the words, chosen by {@code (x / divisor) mod length}. */
	private static String pick(String[] words, String x, int divisor) {
		StringJoiner cases = new StringJoiner(" ", "case mod(" + x + " / " + divisor + ", " + words.length + ") ",
				" end");
		for (int i = 0; i < words.length; i++) {
			cases.add("when " + i + " then '" + words[i].replace("'", "''") + "'");
		}
		return cases.toString();
	}

	private String ago(String seconds) {
		return this.postgres ? "current_timestamp - (" + seconds + ") * interval '1 second'"
				: "dateadd(second, -(" + seconds + "), current_timestamp)";
	}

	private String range(int from, int to) {
		// H2 names the column of SYSTEM_RANGE x.
		return this.postgres ? "generate_series(" + from + ", " + to + ") as x"
				: "system_range(" + from + ", " + to + ")";
	}

	private static String text(String expression) {
		return "cast(" + expression + " as varchar)";
	}

	/** Fresh statistics, as a database that grew to this size over time would have. */
	private void analyze(String table) {
		this.jdbc.execute(this.postgres ? "analyze " + table : "analyze table " + table);
	}

	private static boolean isPostgres(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot tell which database this is", ex);
		}
	}

}

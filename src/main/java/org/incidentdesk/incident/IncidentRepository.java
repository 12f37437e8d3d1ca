package org.incidentdesk.incident;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

import javax.sql.DataSource;

import org.incidentdesk.audit.AuditTrail;
import org.incidentdesk.audit.TrailLock;
import org.incidentdesk.system.TransactionBound;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads and writes incident rows and their suggestions, and finds incidents. The timeline
 * is the audit trail's ({@link AuditTrail}); this repository only locks the incident row
 * for it ({@link TrailLock}).
 */
@Repository
class IncidentRepository implements TrailLock {

	private static final RowMapper<Incident> INCIDENT = IncidentRepository::mapIncident;

	private final JdbcClient jdbc;

	private final String nextNumberSql;

	/** What one transaction read and locked. */
	private final TransactionBound<InTransaction> inTransaction;

	private final boolean postgres;

	IncidentRepository(JdbcClient jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		this.inTransaction = new TransactionBound<>(dataSource, InTransaction::new);
		this.postgres = isPostgres(dataSource);
		// H2 speaks the SQL standard here; PostgreSQL has its own function.
		this.nextNumberSql = this.postgres ? "select nextval('incident_number_seq')"
				: "select next value for incident_number_seq";
	}

	long nextNumber() {
		return this.jdbc.sql(this.nextNumberSql).query(Long.class).single();
	}

	private static boolean isPostgres(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot tell which database this is", ex);
		}
	}

	long insert(String number, NewIncident incident, OffsetDateTime now) {
		this.jdbc.sql("""
				insert into incident (number, tenant_id, caller_id, affected_user, channel, summary, description,
				    category, ci_id, impact, urgency, state, created_at, updated_at)
				values (:number, :tenant, :caller, :affected, :channel, :summary, :description,
				    :category, :ci, :impact, :urgency, 'NEW', :now, :now)
				""")
			.param("number", number)
			.param("tenant", incident.tenantId())
			.param("caller", incident.callerId())
			.param("affected", incident.affectedUser())
			.param("channel", incident.channel().name())
			.param("summary", incident.summary())
			.param("description", incident.description())
			.param("category", incident.category())
			.param("ci", incident.ciId())
			.param("impact", incident.impact().name())
			.param("urgency", incident.urgency().name())
			.param("now", now)
			.update();
		long id = findByNumber(number).orElseThrow().id();
		writeTerms(id, number, incident.summary(), incident.description());
		return id;
	}

	/**
	 * Replaces the words a text search finds the incident by ({@link IncidentTerms}).
	 * Whatever writes or changes number, summary or description calls this in the same
	 * transaction, so a search never finds an incident by words it no longer has.
	 */
	void writeTerms(long incidentId, String number, String summary, String description) {
		this.jdbc.sql("delete from incident_term where incident_id = :incident").param("incident", incidentId).update();
		List<String> terms = List.copyOf(IncidentTerms.of(number, summary, description));
		// One statement per few hundred words instead of one per word; a description of
		// 4,000 characters has a few hundred.
		for (int from = 0; from < terms.size(); from += 500) {
			List<String> chunk = terms.subList(from, Math.min(terms.size(), from + 500));
			var statement = this.jdbc.sql("insert into incident_term (incident_id, term) values "
					+ String.join(", ", Collections.nCopies(chunk.size(), "(?, ?)")));
			int position = 1;
			for (String term : chunk) {
				statement = statement.param(position++, incidentId).param(position++, term);
			}
			statement.update();
		}
	}

	/**
	 * The incident with that number. Within a transaction the row is read once and kept
	 * until this transaction changes it: a report used to read the same row thirteen
	 * times (docs/benchmarks.md, "Profile of a report").
	 */
	Optional<Incident> findByNumber(String number) {
		InTransaction state = this.inTransaction.current();
		Incident known = (state != null) ? state.incidents.get(number) : null;
		if (known != null) {
			return Optional.of(known);
		}
		Optional<Incident> found = this.jdbc.sql("select * from incident where number = :number")
			.param("number", number)
			.query(INCIDENT)
			.optional();
		if (state != null) {
			found.ifPresent((incident) -> state.incidents.put(number, incident));
		}
		return found;
	}

	/**
	 * The open incidents (neither resolved, closed nor cancelled) that have SLA dates (a
	 * priority), of one tenant or of all ({@code null}), oldest first.
	 */
	List<Incident> openWithSla(String tenantId) {
		return this.jdbc.sql("select * from incident where state not in ('RESOLVED', 'CLOSED', 'CANCELLED')"
				+ " and priority is not null" + ((tenantId != null) ? " and tenant_id = :tenant" : "") + " order by id")
			.params((tenantId != null) ? Map.of("tenant", tenantId) : Map.of())
			.query(INCIDENT)
			.list();
	}

	/**
	 * Updates columns of one incident, as it was read: if another transaction changed it
	 * since (its {@code version} moved on), nothing is written and the update fails with
	 * a conflict, which {@link org.incidentdesk.system.ConflictRetry} answers by running
	 * the whole unit of work again on the fresh row. So a change decided on a stale read
	 * (a count plus one, a state transition) is never silently lost. Column names come
	 * from this package only, never from input.
	 */
	void update(Incident read, OffsetDateTime now, String assignments, Object... params) {
		long id = read.id();
		InTransaction state = this.inTransaction.current();
		if (state != null) {
			state.incidents.values().removeIf((incident) -> incident.id() == id);
			// An update locks the row until the transaction ends.
			state.locked.add(id);
		}
		var statement = this.jdbc.sql("update incident set " + assignments
				+ ", updated_at = :updatedAt, version = version + 1 where id = :id and version = :version");
		for (int i = 0; i < params.length; i += 2) {
			statement = statement.param((String) params[i], params[i + 1]);
		}
		if (statement.param("updatedAt", now).param("id", id).param("version", read.version()).update() == 0) {
			throw new OptimisticLockingFailureException("Incident " + read.number()
					+ " was changed by a concurrent transaction after it was read (version " + read.version() + ")");
		}
	}

	/**
	 * Locks the incident's row until the transaction ends, so that appends to its
	 * timeline take turns ({@link AuditTrail#append}). An update locks the row too, so it
	 * is taken once per transaction and incident.
	 */
	@Override
	public void lockForAppend(long incidentId) {
		InTransaction state = this.inTransaction.current();
		if (state == null || state.locked.add(incidentId)) {
			this.jdbc.sql("select id from incident where id = :id for update")
				.param("id", incidentId)
				.query(Long.class)
				.single();
		}
	}

	/**
	 * What one transaction already read and locked, so it is not asked of the database
	 * again.
	 */
	private static final class InTransaction {

		final Map<String, Incident> incidents = new HashMap<>();

		final Set<Long> locked = new HashSet<>();

	}

	void replaceSuggestions(long incidentId, List<Suggestion> suggestions, OffsetDateTime now) {
		this.jdbc.sql("delete from incident_suggestion where incident_id = :incident")
			.param("incident", incidentId)
			.update();
		int rank = 1;
		for (Suggestion suggestion : suggestions) {
			this.jdbc
				.sql("""
						insert into incident_suggestion (incident_id, article_id, article_number, title, kind, score, rank_no, created_at)
						values (:incident, :article, :number, :title, :kind, :score, :rank, :now)
						""")
				.param("incident", incidentId)
				.param("article", suggestion.articleId())
				.param("number", suggestion.articleNumber())
				.param("title", suggestion.title())
				.param("kind", suggestion.kind())
				.param("score", suggestion.score())
				.param("rank", rank++)
				.param("now", now)
				.update();
		}
	}

	List<Suggestion> suggestions(long incidentId) {
		return this.jdbc.sql("""
				select article_id, article_number, title, kind, score from incident_suggestion
				where incident_id = :incident order by rank_no
				""")
			.param("incident", incidentId)
			.query((rs, row) -> new Suggestion(rs.getLong("article_id"), rs.getString("article_number"),
					rs.getString("title"), rs.getString("kind"), rs.getFloat("score")))
			.list();
	}

	/**
	 * One page of the incidents that match the filter and lie in the user's scope. The
	 * SQL is put together from fixed fragments only; every value the user gave is a bind
	 * parameter.
	 * @param counted what {@link #count} found out about the filter's text, if any
	 */
	List<Incident> search(IncidentFilter filter, Counted counted) {
		Map<String, Object> params = new HashMap<>();
		// A rare word's few incidents are read through the word index and sorted; for a
		// common word the list is read newest first and each incident checked in the
		// primary key of incident_term, which stops after one page. PostgreSQL's planner
		// makes that choice itself from its statistics, H2's cannot: it has none for
		// ranges of words.
		String where = where(filter, params, counted.text(),
				(counted.text() != null && counted.text().rare()) ? Driver.IN : Driver.EXISTS);
		StringJoiner orderBy = new StringJoiner(", ");
		filter.sort().forEach(order -> orderBy.add(order.sql()));
		// The id breaks ties, so pages never overlap or skip rows.
		orderBy.add(filter.sort().get(0).descending() ? "id desc" : "id asc");
		params.put("offset", filter.offset());
		params.put("limit", filter.size());
		return this.jdbc
			.sql("select * from incident" + indexHint(filter, counted.text()) + " where " + where + " order by "
					+ orderBy + " offset :offset rows fetch next :limit rows only")
			.params(params)
			.query(INCIDENT)
			.list();
	}

	/**
	 * On H2, the index in the list's order for a list or a common word, when the scope is
	 * not one caller's. H2's planner reads all incidents of the tenants in scope through
	 * {@code ix_incident_tenant_state} and sorts them, a million rows for the service
	 * desk, which held a connection for half a minute; in the list's order a page of the
	 * list takes 20 rows, and of a word in every twelfth incident 240
	 * (docs/benchmarks.md). A caller's own incidents are better read through
	 * {@code ix_incident_caller}, which H2 picks itself. PostgreSQL chooses from its
	 * statistics and gets no hint; {@code use index} is H2's own syntax.
	 */
	private String indexHint(IncidentFilter filter, Text text) {
		if (this.postgres || (text != null && text.rare()) || filter.scope().callerId() != null
				|| filter.callerId() != null) {
			return "";
		}
		IncidentSort.Order first = filter.sort().get(0);
		if (!first.descending()) {
			return "";
		}
		return switch (first.sort()) {
			case CREATED_AT -> " use index (ix_incident_created)";
			case UPDATED_AT -> " use index (ix_incident_updated)";
			default -> "";
		};
	}

	/**
	 * How many incidents match, counted up to one more than the list's window: beyond it
	 * the exact figure costs a pass over every matching row and serves no page.
	 * <p>
	 * With a text, the words are looked up in {@code incident_term} first
	 * ({@link #text}). A rare word's incidents are counted through the word index. For a
	 * common one, the first incidents of its index entries are looked up one by one: when
	 * the first {@value #PROBE} entries hold 1,001 different incidents in the filter,
	 * that answers "more than 1,000" after about a thousand lookups (the service desk
	 * searching a word of every twelfth incident). Otherwise (a narrow scope such as one
	 * caller's own incidents, or other filters) the database counts the usual way,
	 * through the index that suits the other conditions.
	 */
	Counted count(IncidentFilter filter) {
		Text text = text(filter.text());
		long limit = IncidentFilter.WINDOW + 1;
		if (text != null && !text.ranges().isEmpty() && !text.rare()) {
			Map<String, Object> params = new HashMap<>();
			String where = where(filter, params, text, Driver.JOINED);
			boolean beyondWindow = this.jdbc
				.sql("select count(distinct id) from (select incident.id from (select "
						+ "t.incident_id from incident_term t where " + range(text, text.driver(), params)
						+ " fetch first " + PROBE + " rows only) probe join incident on incident.id = probe.incident_id"
						+ " where " + where + " fetch first " + limit + " rows only) matching")
				.params(params)
				.query(Long.class)
				.single() == limit;
			if (beyondWindow) {
				return new Counted(limit, text);
			}
		}
		Map<String, Object> params = new HashMap<>();
		String where = where(filter, params, text, (text != null && text.rare()) ? Driver.IN : Driver.EXISTS);
		long count = this.jdbc
			.sql("select count(*) from (select 1 from incident where " + where + " fetch first " + limit
					+ " rows only) matching")
			.params(params)
			.query(Long.class)
			.single();
		return new Counted(count, text);
	}

	/** How many index entries of a common word {@link #count} looks at first. */
	static final int PROBE = 5 * (IncidentFilter.WINDOW + 1);

	/**
	 * What {@link #count} found: the count, up to one more than the window, and the words
	 * of the text, for the page's query.
	 */
	record Counted(long count, Text text) {
	}

	/**
	 * The words of a search, each as a range of {@code incident_term}, and which of them
	 * has the fewest entries there: the one the database should start from. A word is
	 * rare when it has at most {@link IncidentFilter#WINDOW} entries, counted in the
	 * index only as far as that.
	 */
	record Text(List<IncidentTerms.Range> ranges, int driver, boolean rare) {
	}

	private Text text(String text) {
		if (text == null) {
			return null;
		}
		List<IncidentTerms.Range> ranges = IncidentTerms.words(text).stream().map(IncidentTerms::range).toList();
		Text words = new Text(ranges, 0, false);
		int driver = 0;
		long fewest = Long.MAX_VALUE;
		for (int i = 0; i < ranges.size(); i++) {
			Map<String, Object> params = new HashMap<>();
			long entries = this.jdbc
				.sql("select count(*) from (select 1 from incident_term t where " + range(words, i, params)
						+ " fetch first " + (IncidentFilter.WINDOW + 1) + " rows only) entries")
				.params(params)
				.query(Long.class)
				.single();
			if (entries < fewest) {
				fewest = entries;
				driver = i;
			}
		}
		return new Text(ranges, driver, fewest <= IncidentFilter.WINDOW);
	}

	/**
	 * How the words of a text take part in a query: each as a condition on the incident,
	 * the fewest's as the set of incidents to start from, or the fewest's left out
	 * because the query joins it already.
	 */
	private enum Driver {

		EXISTS, IN, JOINED

	}

	/**
	 * The condition that a word of {@code incident_term} (alias {@code t}) lies in the
	 * text's i-th range.
	 */
	private static String range(Text text, int i, Map<String, Object> params) {
		IncidentTerms.Range range = text.ranges().get(i);
		StringBuilder sql = new StringBuilder("t.term >= :termFrom" + i);
		params.put("termFrom" + i, range.from());
		if (range.below() != null) {
			sql.append(" and t.term < :termBelow").append(i);
			params.put("termBelow" + i, range.below());
		}
		if (range.inexact()) {
			sql.append(" and t.term like :termLike").append(i);
			params.put("termLike" + i, range.pattern());
		}
		return sql.toString();
	}

	/**
	 * Neither SLA target recorded as missed (null before classification counts as not).
	 */
	private static final String NOT_BREACHED = "coalesce(response_sla_breached, false) = false"
			+ " and coalesce(resolution_sla_breached, false) = false";

	private static String where(IncidentFilter filter, Map<String, Object> params, Text text, Driver driver) {
		List<String> conditions = new ArrayList<>();
		IncidentFilter.Scope scope = filter.scope();
		if (!scope.all()) {
			if (scope.callerId() != null) {
				conditions.add("caller_id = :scopeCaller");
				params.put("scopeCaller", scope.callerId());
			}
			else if (scope.tenants().isEmpty()) {
				conditions.add("1 = 0");
			}
			else {
				conditions.add("tenant_id in (:scopeTenants)");
				params.put("scopeTenants", scope.tenants());
			}
		}
		if (!filter.states().isEmpty()) {
			conditions.add("state in (:states)");
			params.put("states", filter.states().stream().map(IncidentState::name).toList());
		}
		if (!filter.priorities().isEmpty()) {
			conditions.add("priority in (:priorities)");
			params.put("priorities", List.copyOf(filter.priorities()));
		}
		equal(conditions, params, "tenant_id", "tenantId", filter.tenantId());
		equal(conditions, params, "assignment_group", "assignmentGroup", filter.assignmentGroup());
		equal(conditions, params, "assignee", "assignee", filter.assignee());
		equal(conditions, params, "caller_id", "callerId", filter.callerId());
		equal(conditions, params, "category", "category", filter.category());
		equal(conditions, params, "major_incident", "major", filter.major());
		if (text != null) {
			if (text.ranges().isEmpty()) {
				// Only separators (say "%" or "--"): no word to find.
				conditions.add("1 = 0");
			}
			for (int i = 0; i < text.ranges().size(); i++) {
				if (i != text.driver() || driver == Driver.EXISTS) {
					conditions.add("exists (select 1 from incident_term t where t.incident_id = incident.id and "
							+ range(text, i, params) + ")");
				}
				else if (driver == Driver.IN) {
					conditions.add("incident.id in (select t.incident_id from incident_term t where "
							+ range(text, i, params) + ")");
				}
			}
		}
		if (filter.slaRisk() != null) {
			conditions.add(switch (filter.slaRisk()) {
				case AT_RISK -> "state in ('NEW', 'IN_PROGRESS', 'ON_HOLD') and resolution_warning_at <= :slaNow"
						+ " and resolution_due_at > :slaNow and " + NOT_BREACHED;
				case BREACHED -> "(response_sla_breached = true or resolution_sla_breached = true or (state in"
						+ " ('NEW', 'IN_PROGRESS', 'ON_HOLD') and sla_paused_at is null and resolution_due_at <= :slaNow))";
			});
			params.put("slaNow", filter.now());
		}
		if (filter.createdFrom() != null) {
			conditions.add("created_at >= :createdFrom");
			params.put("createdFrom", filter.createdFrom());
		}
		if (filter.createdTo() != null) {
			conditions.add("created_at < :createdTo");
			params.put("createdTo", filter.createdTo());
		}
		return conditions.isEmpty() ? "1 = 1" : String.join(" and ", conditions);
	}

	private static void equal(List<String> conditions, Map<String, Object> params, String column, String param,
			Object value) {
		if (value != null) {
			conditions.add(column + " = :" + param);
			params.put(param, value);
		}
	}

	/**
	 * The suggestions a caller may read: the articles must still be published and public.
	 * They were found for the service desk, which also sees internal ones.
	 */
	List<Suggestion> publicSuggestions(long incidentId) {
		return this.jdbc.sql("""
				select s.article_id, s.article_number, s.title, s.kind, s.score from incident_suggestion s
				join knowledge_article a on a.id = s.article_id
				where s.incident_id = :incident and a.visibility = 'PUBLIC' and a.state = 'PUBLISHED'
				order by s.rank_no
				""")
			.param("incident", incidentId)
			.query((rs, row) -> new Suggestion(rs.getLong("article_id"), rs.getString("article_number"),
					rs.getString("title"), rs.getString("kind"), rs.getFloat("score")))
			.list();
	}

	private static Incident mapIncident(ResultSet rs, int row) throws SQLException {
		return new Incident(rs.getLong("id"), rs.getString("number"), rs.getString("tenant_id"),
				rs.getString("caller_id"), rs.getString("affected_user"), Channel.valueOf(rs.getString("channel")),
				rs.getString("summary"), rs.getString("description"), rs.getString("category"),
				rs.getObject("ci_id", Long.class), Level.valueOf(rs.getString("impact")),
				Level.valueOf(rs.getString("urgency")), rs.getString("priority"),
				IncidentState.valueOf(rs.getString("state")), enumOrNull(rs.getString("hold_reason")),
				rs.getString("assignment_group"), rs.getString("assignee"), rs.getInt("support_level"),
				rs.getBoolean("major_incident"), time(rs, "response_due_at"), time(rs, "resolution_warning_at"),
				time(rs, "resolution_due_at"), time(rs, "responded_at"), time(rs, "resolved_at"), time(rs, "closed_at"),
				rs.getObject("response_sla_breached", Boolean.class),
				rs.getObject("resolution_sla_breached", Boolean.class), rs.getString("resolution_code"),
				rs.getString("resolution_notes"), rs.getString("closure_code"),
				rs.getObject("first_contact_resolution", Boolean.class),
				rs.getObject("time_to_respond_seconds", Long.class),
				rs.getObject("time_to_resolve_seconds", Long.class), rs.getObject("sla_met", Boolean.class),
				rs.getInt("escalation_count"), rs.getInt("hierarchical_escalation_count"), rs.getInt("reopen_count"),
				rs.getString("duplicate_of"), rs.getString("process_instance_id"), time(rs, "created_at"),
				time(rs, "updated_at"), rs.getInt("version"), rs.getBoolean("sla_business_hours"),
				time(rs, "sla_paused_at"), rs.getLong("sla_paused_seconds"));
	}

	private static HoldReason enumOrNull(String value) {
		return (value != null) ? HoldReason.valueOf(value) : null;
	}

	private static OffsetDateTime time(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class);
	}

}

package org.incidentdesk.knowledge.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeMap;

import org.incidentdesk.knowledge.ArticleKind;
import org.incidentdesk.knowledge.ArticleState;
import org.incidentdesk.knowledge.ArticleVisibility;
import org.incidentdesk.knowledge.Audience;
import org.incidentdesk.knowledge.KnowledgeArticle;
import org.incidentdesk.knowledge.NewArticle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Repository;

/**
 * Knowledge articles and feedback in the database. Timestamps come from the database
 * clock, so all nodes stamp changes with one clock and the index catch-up can compare
 * them.
 */
@Repository
public class ArticleRepository {

	/**
	 * The counters are derived: uses not folded yet ({@link #foldUsage}) are added to the
	 * folded count, and "this solved my problem" is counted from its feedback rows. So
	 * nothing that counts ever updates an article row.
	 */
	private static final String COLUMNS = "id, number, tenant_id, kind, title, symptoms, resolution, tags, language,"
			+ " visibility, state, problem_ref, workaround,"
			+ " usage_count + (select count(*) from knowledge_usage u where u.article_id = knowledge_article.id)"
			+ " as usage_count, (select count(*) from knowledge_feedback f where f.article_id = knowledge_article.id"
			+ " and f.kind = 'SOLVED') as helpful_count, created_by, created_at, updated_at, version";

	/** How many uses one fold takes at most, so a fold's transaction stays short. */
	static final int FOLD_BATCH = 5_000;

	private final JdbcClient jdbc;

	public ArticleRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public KnowledgeArticle insert(NewArticle article, @Nullable String author) {
		long sequence = this.jdbc.sql("select nextval('knowledge_number_seq')").query(Long.class).single();
		String number = "KB%07d".formatted(sequence);
		this.jdbc.sql("""
				insert into knowledge_article (number, tenant_id, kind, title, symptoms, resolution, tags, language,
				    visibility, state, problem_ref, workaround, created_by, created_at, updated_at, version)
				values (:number, :tenantId, :kind, :title, :symptoms, :resolution, :tags, :language,
				    :visibility, :state, :problemRef, :workaround, :author, current_timestamp, current_timestamp, 0)
				""")
			.param("number", number)
			.param("tenantId", article.tenantId())
			.param("kind", article.kind().name())
			.param("title", article.title())
			.param("symptoms", article.symptoms())
			.param("resolution", article.resolution())
			.param("tags", article.tags().isEmpty() ? null : String.join(",", article.tags()))
			.param("language", article.language())
			.param("visibility", article.visibility().name())
			.param("state", article.state().name())
			.param("problemRef", article.problemRef())
			.param("workaround", article.workaround())
			.param("author", author)
			.update();
		return findByNumber(number).orElseThrow();
	}

	public Optional<KnowledgeArticle> findByNumber(String number) {
		return this.jdbc.sql("select " + COLUMNS + " from knowledge_article where number = :number")
			.param("number", number)
			.query(ArticleRepository::article)
			.optional();
	}

	public List<KnowledgeArticle> findAllById(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("select " + COLUMNS + " from knowledge_article where id in (:ids)")
			.param("ids", ids)
			.query(ArticleRepository::article)
			.list();
	}

	/**
	 * The articles with these ids, without their counters (see {@link ArticleText}).
	 */
	public List<ArticleText> findTextsById(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("""
				select id, number, tenant_id, kind, title, symptoms, resolution, language, visibility, state
				from knowledge_article where id in (:ids)
				""")
			.param("ids", ids)
			.query((rs, row) -> new ArticleText(rs.getLong("id"), rs.getString("number"), rs.getString("tenant_id"),
					ArticleKind.valueOf(rs.getString("kind")), rs.getString("title"), rs.getString("symptoms"),
					rs.getString("resolution"), rs.getString("language"),
					ArticleVisibility.valueOf(rs.getString("visibility")), ArticleState.valueOf(rs.getString("state"))))
			.list();
	}

	/**
	 * The next batch of articles in id order, for building the index without holding
	 * every article in memory at once.
	 */
	public List<KnowledgeArticle> findBatchAfter(long afterId, int batchSize) {
		return this.jdbc
			.sql("select " + COLUMNS + " from knowledge_article where id > :afterId order by id fetch first "
					+ batchSize + " rows only")
			.param("afterId", afterId)
			.query(ArticleRepository::article)
			.list();
	}

	public List<KnowledgeArticle> findUpdatedAfter(Instant since) {
		return this.jdbc
			.sql("select " + COLUMNS + " from knowledge_article where updated_at > :since order by updated_at, id")
			.param("since", OffsetDateTime.ofInstant(since, ZoneOffset.UTC))
			.query(ArticleRepository::article)
			.list();
	}

	public Optional<Instant> findNewestUpdate() {
		return this.jdbc.sql("select max(updated_at) from knowledge_article")
			.query((rs, row) -> rs.getObject(1, OffsetDateTime.class))
			.optional()
			.map(OffsetDateTime::toInstant);
	}

	/**
	 * The most recently changed articles a reader may see, for browsing without a query.
	 */
	public List<KnowledgeArticle> findLatestVisible(@Nullable String tenantId, Audience audience, int limit) {
		String tenantScope = (tenantId != null) ? "(tenant_id is null or tenant_id = :tenantId)" : "tenant_id is null";
		List<String> visibilities = Arrays.stream(ArticleVisibility.values())
			.filter((visibility) -> audience == Audience.STAFF || visibility == ArticleVisibility.PUBLIC)
			.map(Enum::name)
			.toList();
		JdbcClient.StatementSpec statement = this.jdbc
			.sql("select " + COLUMNS + " from knowledge_article where " + tenantScope
					+ " and state = 'PUBLISHED' and visibility in (:visibilities)"
					+ " order by updated_at desc, id desc fetch first " + limit + " rows only")
			.param("visibilities", visibilities);
		if (tenantId != null) {
			statement = statement.param("tenantId", tenantId);
		}
		return statement.query(ArticleRepository::article).list();
	}

	/**
	 * Publishes a draft if nobody changed it since it was read.
	 * @return whether the article was published
	 */
	public boolean publish(long id, int expectedVersion) {
		return this.jdbc.sql("""
				update knowledge_article
				set state = 'PUBLISHED', updated_at = current_timestamp, version = version + 1
				where id = :id and version = :version
				""").param("id", id).param("version", expectedVersion).update() == 1;
	}

	/**
	 * Records one use of each article: a row each, inserted without reading or locking
	 * the article, so any number of concurrent reports that found the same articles never
	 * wait for each other. Neither {@code updated_at} nor {@code version} change: uses
	 * are not content, and the index does not need to see them.
	 */
	public void countUsage(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return;
		}
		// One statement for all: a search counts up to fifty uses at once.
		StringJoiner rows = new StringJoiner(", ", "insert into knowledge_usage (article_id, used_at) values ", "");
		List<Long> articles = List.copyOf(ids);
		for (int i = 0; i < articles.size(); i++) {
			rows.add("(?, current_timestamp)");
		}
		this.jdbc.sql(rows.toString()).params(articles).update();
	}

	/**
	 * Folds up to {@link #FOLD_BATCH} recorded uses into the articles'
	 * {@code usage_count} and removes them, in one transaction the caller opens. The fold
	 * row's lock makes nodes fold one after the other, so no use is counted twice; the
	 * uses are read and deleted by id, so a use whose report commits during the fold is
	 * left for the next one rather than deleted uncounted. Articles are updated in
	 * ascending id order, the one order every fold locks them in.
	 * @return how many uses were folded
	 */
	public int foldUsage() {
		this.jdbc.sql("update knowledge_usage_fold set folded_at = current_timestamp where id = 1").update();
		List<long[]> uses = this.jdbc
			.sql("select id, article_id from knowledge_usage order by id fetch first " + FOLD_BATCH + " rows only")
			.query((rs, row) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.list();
		if (uses.isEmpty()) {
			return 0;
		}
		Map<Long, Long> perArticle = new TreeMap<>();
		uses.forEach((use) -> perArticle.merge(use[1], 1L, Long::sum));
		perArticle.forEach((article, count) -> this.jdbc
			.sql("update knowledge_article set usage_count = usage_count + :count where id = :id")
			.param("count", count)
			.param("id", article)
			.update());
		List<Long> ids = uses.stream().map((use) -> use[0]).toList();
		for (int from = 0; from < ids.size(); from += 1_000) {
			this.jdbc.sql("delete from knowledge_usage where id in (:ids)")
				.param("ids", ids.subList(from, Math.min(from + 1_000, ids.size())))
				.update();
		}
		return uses.size();
	}

	public boolean hasSolvedFeedback(long articleId, String userId, @Nullable String incidentNumber) {
		// Two statements rather than "incident_number = :n or :n is null": PostgreSQL
		// cannot type a
		// parameter that is only compared with null.
		JdbcClient.StatementSpec statement = (incidentNumber != null) ? this.jdbc.sql("""
				select count(*) from knowledge_feedback
				where article_id = :articleId and user_id = :userId and kind = 'SOLVED'
				    and incident_number = :incidentNumber
				""").param("incidentNumber", incidentNumber) : this.jdbc.sql("""
				select count(*) from knowledge_feedback
				where article_id = :articleId and user_id = :userId and kind = 'SOLVED' and incident_number is null
				""");
		return statement.param("articleId", articleId).param("userId", userId).query(Long.class).single() > 0;
	}

	public void insertSolvedFeedback(long articleId, @Nullable String tenantId, String userId,
			@Nullable String incidentNumber) {
		this.jdbc.sql("""
				insert into knowledge_feedback (article_id, incident_number, tenant_id, user_id, kind, created_at)
				values (:articleId, :incidentNumber, :tenantId, :userId, 'SOLVED', current_timestamp)
				""")
			.param("articleId", articleId)
			.param("incidentNumber", incidentNumber)
			.param("tenantId", tenantId)
			.param("userId", userId)
			.update();
	}

	private static KnowledgeArticle article(ResultSet rs, int row) throws SQLException {
		String tags = rs.getString("tags");
		return new KnowledgeArticle(rs.getLong("id"), rs.getString("number"), rs.getString("tenant_id"),
				ArticleKind.valueOf(rs.getString("kind")), rs.getString("title"), rs.getString("symptoms"),
				rs.getString("resolution"), (tags != null) ? List.of(tags.split(",")) : List.of(),
				rs.getString("language"), ArticleVisibility.valueOf(rs.getString("visibility")),
				ArticleState.valueOf(rs.getString("state")), rs.getString("problem_ref"), rs.getString("workaround"),
				rs.getInt("usage_count"), rs.getInt("helpful_count"), rs.getString("created_by"),
				instant(rs, "created_at"), instant(rs, "updated_at"), rs.getInt("version"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

}

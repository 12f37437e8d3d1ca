package org.incidentdesk.knowledge;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.incidentdesk.knowledge.internal.ArticleChanged;
import org.incidentdesk.knowledge.internal.ArticleRepository;
import org.incidentdesk.knowledge.internal.ArticleText;
import org.incidentdesk.knowledge.internal.IndexHit;
import org.incidentdesk.knowledge.internal.KnowledgeIndex;
import org.incidentdesk.knowledge.internal.LanguageGuess;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The knowledge base: suggests articles for a problem description, and keeps articles,
 * known errors and the record of which article solved whose problem.
 * <p>
 * A reader sees published articles of their own tenant and provider-wide ones; callers
 * only the public ones. A tenant id of {@code null} stands for provider staff outside any
 * tenant, who see provider-wide articles only.
 */
@Service
public class KnowledgeBase {

	/** The most results one search returns, whatever the caller asks for. */
	static final int MAX_LIMIT = 50;

	private final ArticleRepository articles;

	private final KnowledgeIndex index;

	private final ApplicationEventPublisher events;

	public KnowledgeBase(ArticleRepository articles, KnowledgeIndex index, ApplicationEventPublisher events) {
		this.articles = articles;
		this.index = index;
		this.events = events;
	}

	/**
	 * Articles that may help with the problem the text describes, best first, in either
	 * language. Counts as a use of each article suggested.
	 */
	@Transactional
	public List<KnowledgeSuggestion> suggest(@Nullable String tenantId, String text, Audience audience, int limit) {
		return suggest(tenantId, text, audience, limit, null);
	}

	/**
	 * As {@link #suggest(String, String, Audience, int)}, the articles in the reader's
	 * language first.
	 * @param language the reader's language ({@code en}, {@code id}), or {@code null} for
	 * the best matches whatever their language
	 */
	@Transactional
	public List<KnowledgeSuggestion> suggest(@Nullable String tenantId, String text, Audience audience, int limit,
			@Nullable String language) {
		List<Found> found = find(tenantId, text, audience, limit, language);
		this.articles.countUsage(found.stream().map((f) -> f.article().id()).toList());
		List<String> snippets = this.index.snippets(found.stream().map(Found::article).toList(), text);
		return IntStream.range(0, found.size()).mapToObj((i) -> {
			ArticleText article = found.get(i).article();
			return new KnowledgeSuggestion(article.id(), article.number(), article.title(), article.kind().name(),
					found.get(i).score(), article.language(), snippets.get(i));
		}).toList();
	}

	/**
	 * Articles matching the query, those in the reader's language first, each with a
	 * highlighted passage; without a query, the most recently changed ones with the start
	 * of their text.
	 * @param language the reader's language, or {@code null}
	 */
	@Transactional(readOnly = true)
	public List<KnowledgeResult> searchWithSnippets(@Nullable String tenantId, @Nullable String query,
			Audience audience, int limit, @Nullable String language) {
		List<ArticleText> found = (query == null || query.isBlank())
				? search(tenantId, query, audience, limit).stream().map(ArticleText::of).toList()
				: find(tenantId, query, audience, limit, language).stream().map(Found::article).toList();
		List<String> snippets = this.index.snippets(found, query);
		return IntStream.range(0, found.size()).mapToObj((i) -> {
			ArticleText article = found.get(i);
			return new KnowledgeResult(article.number(), article.title(), article.kind(), article.language(),
					snippets.get(i));
		}).toList();
	}

	/**
	 * Articles matching the query, best first; without a query, the most recently changed
	 * ones.
	 */
	@Transactional(readOnly = true)
	public List<KnowledgeArticle> search(@Nullable String tenantId, @Nullable String query, Audience audience,
			int limit) {
		if (query == null || query.isBlank()) {
			return (limit > 0) ? this.articles.findLatestVisible(tenantId, audience, Math.min(limit, MAX_LIMIT))
					: List.of();
		}
		// The reader sees the articles' counters here: read them whole.
		List<IndexHit> hits = hits(tenantId, query, audience, limit, null);
		return inHitOrder(hits, this.articles.findAllById(articleIds(hits)), KnowledgeArticle::id,
				(article) -> article.isVisibleTo(tenantId, audience), (hit, article) -> article);
	}

	/**
	 * The article with that number if the reader may see it. Counts as a use of the
	 * article.
	 */
	@Transactional
	public Optional<KnowledgeArticle> find(@Nullable String tenantId, String number, Audience audience) {
		Optional<KnowledgeArticle> article = this.articles.findByNumber(number)
			.filter((candidate) -> candidate.isVisibleTo(tenantId, audience));
		article.ifPresent((visible) -> this.articles.countUsage(List.of(visible.id())));
		return article;
	}

	/**
	 * Whether the reader may see the article with that number, without counting it as a
	 * use.
	 */
	boolean isVisible(@Nullable String tenantId, String number, Audience audience) {
		return this.articles.findByNumber(number)
			.filter((article) -> article.isVisibleTo(tenantId, audience))
			.isPresent();
	}

	@Transactional
	public KnowledgeArticle create(NewArticle article, @Nullable String author) {
		KnowledgeArticle created = this.articles.insert(article, author);
		this.events.publishEvent(new ArticleChanged(created));
		return created;
	}

	/**
	 * Records that an article solved a user's problem, perhaps instead of an incident
	 * being raised: the deflection the service desk reports on. Saying so again for the
	 * same article and incident changes nothing.
	 * @param incidentNumber the incident it solved, or {@code null} if none was raised
	 * @throws UnknownArticleException if the tenant has no published article with that
	 * number
	 */
	@Transactional
	public void recordSolved(@Nullable String tenantId, String articleNumber, String userId,
			@Nullable String incidentNumber) {
		Objects.requireNonNull(userId, "userId");
		KnowledgeArticle article = this.articles.findByNumber(articleNumber)
			.filter((candidate) -> candidate.isVisibleTo(tenantId, Audience.STAFF))
			.orElseThrow(() -> new UnknownArticleException(articleNumber));
		if (this.articles.hasSolvedFeedback(article.id(), userId, incidentNumber)) {
			return;
		}
		// The feedback row is the count: no counter on the article row for every caller
		// to queue on.
		this.articles.insertSolvedFeedback(article.id(), tenantId, userId, incidentNumber);
	}

	/**
	 * Turns how an incident was resolved into a draft internal article of the tenant, for
	 * staff to review, edit and publish. The language is guessed from the text.
	 */
	@Transactional
	public KnowledgeArticle draftFromResolution(@Nullable String tenantId, String title, @Nullable String symptoms,
			String resolution, @Nullable String author) {
		return create(new NewArticle(tenantId, ArticleKind.ARTICLE, title, symptoms, resolution, List.of(),
				LanguageGuess.of(title, symptoms, resolution), ArticleVisibility.INTERNAL, ArticleState.DRAFT, null,
				null), author);
	}

	/**
	 * Publishes an article of the tenant (provider staff: a provider-wide article), so
	 * that it is suggested from now on. Publishing a published article changes nothing.
	 * @throws UnknownArticleException if the tenant has no article with that number
	 * @throws OptimisticLockingFailureException if somebody else changed the article
	 * meanwhile
	 */
	@Transactional
	public KnowledgeArticle publish(@Nullable String tenantId, String number) {
		KnowledgeArticle article = this.articles.findByNumber(number)
			.filter((candidate) -> Objects.equals(candidate.tenantId(), tenantId))
			.orElseThrow(() -> new UnknownArticleException(number));
		if (article.state() == ArticleState.PUBLISHED) {
			return article;
		}
		if (!this.articles.publish(article.id(), article.version())) {
			throw new OptimisticLockingFailureException(
					"Knowledge article " + number + " was changed by somebody else; read it again");
		}
		KnowledgeArticle published = this.articles.findByNumber(number).orElseThrow();
		this.events.publishEvent(new ArticleChanged(published));
		return published;
	}

	/**
	 * Searches the index and reads the hits from the database, which decides what the
	 * reader may see: the index of this node may lag a few seconds behind a change made
	 * on another one. The hits are read without their counters, which suggestions and
	 * results do not show.
	 */
	private List<Found> find(@Nullable String tenantId, String text, Audience audience, int limit,
			@Nullable String language) {
		List<IndexHit> hits = hits(tenantId, text, audience, limit, language);
		return inHitOrder(hits, this.articles.findTextsById(articleIds(hits)), ArticleText::id,
				(article) -> article.isVisibleTo(tenantId, audience),
				(hit, article) -> new Found(article, hit.score()));
	}

	/**
	 * The articles read for the hits, in the hits' order, leaving out those gone from the
	 * database or not visible to the reader.
	 */
	private static <T, R> List<R> inHitOrder(List<IndexHit> hits, List<T> read, Function<T, Long> idOf,
			Predicate<T> visible, BiFunction<IndexHit, T, R> result) {
		Map<Long, T> byId = read.stream().collect(Collectors.toMap(idOf, Function.identity()));
		return hits.stream().flatMap((hit) -> {
			T article = byId.get(hit.articleId());
			return (article != null && visible.test(article)) ? Stream.of(result.apply(hit, article)) : Stream.empty();
		}).toList();
	}

	private static List<Long> articleIds(List<IndexHit> hits) {
		return hits.stream().map(IndexHit::articleId).toList();
	}

	private List<IndexHit> hits(@Nullable String tenantId, String text, Audience audience, int limit,
			@Nullable String language) {
		return this.index.search(tenantId, text, audience, Math.min(limit, MAX_LIMIT), language);
	}

	private record Found(ArticleText article, float score) {
	}

}

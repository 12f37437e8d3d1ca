package org.incidentdesk.knowledge.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.id.IndonesianAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.highlight.Highlighter;
import org.apache.lucene.search.highlight.InvalidTokenOffsetsException;
import org.apache.lucene.search.highlight.QueryScorer;
import org.apache.lucene.search.highlight.SimpleHTMLEncoder;
import org.apache.lucene.search.highlight.SimpleHTMLFormatter;
import org.apache.lucene.search.highlight.SimpleSpanFragmenter;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.incidentdesk.knowledge.ArticleState;
import org.incidentdesk.knowledge.ArticleVisibility;
import org.incidentdesk.knowledge.Audience;
import org.incidentdesk.knowledge.KnowledgeArticle;
import org.incidentdesk.knowledge.KnowledgeSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;

/**
 * The full-text index of the knowledge base, one per node.
 * <p>
 * Each article's text is analysed in its own language into fields with a language suffix
 * ({@code title_en}, {@code title_id}, ...). A query is analysed with every language's
 * analyzer and searched in that language's fields, so a caller finds articles whichever
 * language they type in. A query's words also stand for their synonyms
 * ({@code knowledge/synonyms-<language>.txt}); a reader's own language may come first.
 * The index holds every article whatever its state; who may see what is filtered at query
 * time.
 * <p>
 * Thread-safe: searches run concurrently through a {@link SearcherManager}; writes are
 * serialised so that an older copy of an article never overwrites a newer one.
 */
@Component
public class KnowledgeIndex {

	private static final Logger logger = LoggerFactory.getLogger(KnowledgeIndex.class);

	static final String ARTICLE_ID = "article_id";

	static final String TENANT = "tenant";

	static final String PROVIDER_WIDE = "provider_wide";

	static final String STATE = "state";

	static final String VISIBILITY = "visibility";

	static final String LANGUAGE = "language";

	/** Characters of article text around the matches that a snippet shows. */
	private static final int SNIPPET_LENGTH = 160;

	/** Text fields that snippets come from, in the order they are tried. */
	private static final List<String> SNIPPET_FIELDS = List.of("symptoms", "resolution", "title");

	/** Text fields and how much a match in each counts. */
	private static final Map<String, Float> TEXT_FIELDS = Map.of("title", 3f, "symptoms", 2f, "tags", 2f, "resolution",
			1f);

	/**
	 * Each word becomes at least one clause per text field and language; this keeps a
	 * long incident description under Lucene's limit of 1024 clauses in one query. Words
	 * that analyse into many tokens (paths, URLs) may still break it: then the search is
	 * retried with fewer words.
	 */
	private static final int[] MAX_QUERY_WORDS = { 64, 16 };

	private final Map<String, Analyzer> analyzers = Map.of("en", new EnglishAnalyzer(), "id", new IndonesianAnalyzer());

	/** The same analyzers, plus the synonyms of a query's words. */
	private final Map<String, Analyzer> queryAnalyzers;

	private final Directory directory;

	private final IndexWriter writer;

	private final SearcherManager searchers;

	/**
	 * What is in the index for each article, so a late, older copy is not written over a
	 * newer one.
	 */
	private final Map<Long, Stamp> indexed = new ConcurrentHashMap<>();

	private final Object writeLock = new Object();

	public KnowledgeIndex(KnowledgeSettings settings) throws IOException {
		this.queryAnalyzers = KnowledgeSynonyms.queryAnalyzers(this.analyzers);
		this.directory = (settings.indexDirectory() != null) ? FSDirectory.open(settings.indexDirectory())
				: new ByteBuffersDirectory();
		Map<String, Analyzer> analyzerPerField = new HashMap<>();
		this.analyzers.forEach((language, analyzer) -> TEXT_FIELDS.keySet()
			.forEach((field) -> analyzerPerField.put(field(field, language), analyzer)));
		IndexWriterConfig config = new IndexWriterConfig(
				new PerFieldAnalyzerWrapper(new KeywordAnalyzer(), analyzerPerField))
			// The database is the truth; whatever a directory holds from before is
			// rebuilt anyway.
			.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
		this.writer = new IndexWriter(this.directory, config);
		this.searchers = new SearcherManager(this.writer, null);
	}

	/**
	 * Replaces the whole index with the given articles. Searches see the old index until
	 * this is done.
	 * @return how many articles were indexed
	 */
	public int replaceAll(Iterable<List<KnowledgeArticle>> batches) {
		synchronized (this.writeLock) {
			try {
				this.writer.deleteAll();
				this.indexed.clear();
				int count = 0;
				for (List<KnowledgeArticle> batch : batches) {
					for (KnowledgeArticle article : batch) {
						this.writer.addDocument(document(article));
						this.indexed.put(article.id(), Stamp.of(article));
						count++;
					}
				}
				this.writer.commit();
				this.searchers.maybeRefreshBlocking();
				return count;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	/**
	 * Adds or replaces the given articles, skipping those the index already holds in this
	 * or a newer version. Searches see the changes when this method returns.
	 * @return how many articles were written
	 */
	public int update(Collection<KnowledgeArticle> articles) {
		synchronized (this.writeLock) {
			try {
				int written = 0;
				for (KnowledgeArticle article : articles) {
					Stamp stamp = Stamp.of(article);
					Stamp known = this.indexed.get(article.id());
					if (known != null && (known.equals(stamp) || known.version() > stamp.version())) {
						continue;
					}
					this.writer.updateDocument(new Term(ARTICLE_ID, Long.toString(article.id())), document(article));
					this.indexed.put(article.id(), stamp);
					written++;
				}
				if (written > 0) {
					this.searchers.maybeRefreshBlocking();
				}
				return written;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	/**
	 * Makes what was written durable in an index directory. A reader does not need it:
	 * searches see changes as soon as {@link #update} returns.
	 */
	public void commit() {
		synchronized (this.writeLock) {
			try {
				if (this.writer.hasUncommittedChanges()) {
					this.writer.commit();
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	/**
	 * The published articles of the tenant ({@code null}: none) and of every tenant that
	 * the audience may read, best match first. Any text is accepted: query syntax in it
	 * is taken literally.
	 */
	public List<IndexHit> search(@Nullable String tenantId, String text, Audience audience, int limit) {
		return search(tenantId, text, audience, limit, null);
	}

	/**
	 * As {@link #search(String, String, Audience, int)}, the articles in the reader's
	 * language first (each part best match first), then those in the others.
	 * @param language the reader's language ({@code en}, {@code id}), or {@code null} for
	 * the best matches whatever their language
	 */
	public List<IndexHit> search(@Nullable String tenantId, String text, Audience audience, int limit,
			@Nullable String language) {
		if (text == null || text.isBlank() || limit <= 0) {
			return List.of();
		}
		for (int maxWords : MAX_QUERY_WORDS) {
			try {
				Query textQuery = textQuery(text, maxWords);
				if (language == null || !this.analyzers.containsKey(language)) {
					return search(textQuery, filter(tenantId, audience).build(), limit);
				}
				Query inLanguage = new TermQuery(new Term(LANGUAGE, language));
				List<IndexHit> hits = new ArrayList<>(
						search(textQuery, filter(tenantId, audience).add(inLanguage, Occur.FILTER).build(), limit));
				if (hits.size() < limit) {
					hits.addAll(search(textQuery, filter(tenantId, audience).add(inLanguage, Occur.MUST_NOT).build(),
							limit - hits.size()));
				}
				return hits;
			}
			catch (IndexSearcher.TooManyClauses ex) {
				logger.debug("Knowledge query from {} words has too many clauses", maxWords, ex);
			}
		}
		return List.of();
	}

	private List<IndexHit> search(Query textQuery, Query filter, int limit) {
		try {
			IndexSearcher searcher = this.searchers.acquire();
			try {
				List<IndexHit> hits = new ArrayList<>();
				for (ScoreDoc scoreDoc : FilteredSearch.search(searcher, textQuery, filter, limit).scoreDocs) {
					String id = searcher.storedFields().document(scoreDoc.doc).get(ARTICLE_ID);
					hits.add(new IndexHit(Long.parseLong(id), scoreDoc.score));
				}
				return hits;
			}
			finally {
				this.searchers.release(searcher);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The articles the reader may find: published, of the provider or the reader's
	 * organisation, and public for callers.
	 */
	private static BooleanQuery.Builder filter(@Nullable String tenantId, Audience audience) {
		BooleanQuery.Builder tenantScope = new BooleanQuery.Builder()
			.add(new TermQuery(new Term(PROVIDER_WIDE, "true")), Occur.SHOULD);
		if (tenantId != null) {
			tenantScope.add(new TermQuery(new Term(TENANT, tenantId)), Occur.SHOULD);
		}
		BooleanQuery.Builder filter = new BooleanQuery.Builder().add(tenantScope.build(), Occur.FILTER)
			.add(new TermQuery(new Term(STATE, ArticleState.PUBLISHED.name())), Occur.FILTER);
		if (audience == Audience.CALLER) {
			filter.add(new TermQuery(new Term(VISIBILITY, ArticleVisibility.PUBLIC.name())), Occur.FILTER);
		}
		return filter;
	}

	/**
	 * One SHOULD clause per language, each parsed by that language's analyzer over its
	 * fields.
	 */
	private Query textQuery(String text, int maxWords) {
		// Lower case, so that AND, OR and NOT typed by a user are words rather than
		// operators; the
		// analyzers lower-case everything anyway.
		String words = Arrays.stream(text.toLowerCase(Locale.ROOT).strip().split("\\s+"))
			.collect(Collectors.toCollection(LinkedHashSet::new))
			.stream()
			.limit(maxWords)
			.collect(Collectors.joining(" "));
		String escaped = QueryParser.escape(words);
		BooleanQuery.Builder query = new BooleanQuery.Builder();
		for (Map.Entry<String, Analyzer> language : this.analyzers.entrySet()) {
			Map<String, Float> boosts = new HashMap<>();
			TEXT_FIELDS.forEach((field, boost) -> boosts.put(field(field, language.getKey()), boost));
			MultiFieldQueryParser parser = new MultiFieldQueryParser(boosts.keySet().toArray(String[]::new),
					this.queryAnalyzers.get(language.getKey()), boosts);
			try {
				query.add(parser.parse(escaped), Occur.SHOULD);
			}
			catch (ParseException ex) {
				// Escaped text should always parse; if it does not, that language
				// finds nothing.
				logger.debug("Could not search knowledge for '{}' in language {}", text, language.getKey(), ex);
			}
		}
		return query.build();
	}

	private static Document document(KnowledgeArticle article) {
		Document document = new Document();
		document.add(new StringField(ARTICLE_ID, Long.toString(article.id()), Field.Store.YES));
		if (article.isProviderWide()) {
			document.add(new StringField(PROVIDER_WIDE, "true", Field.Store.NO));
		}
		else {
			document.add(new StringField(TENANT, article.tenantId(), Field.Store.NO));
		}
		document.add(new StringField(STATE, article.state().name(), Field.Store.NO));
		document.add(new StringField(VISIBILITY, article.visibility().name(), Field.Store.NO));
		String language = article.language();
		document.add(new StringField(LANGUAGE, language, Field.Store.NO));
		addText(document, field("title", language), article.title());
		addText(document, field("symptoms", language), article.symptoms());
		addText(document, field("tags", language), String.join(", ", article.tags()));
		addText(document, field("resolution", language), article.resolution());
		return document;
	}

	/**
	 * For each article, in their order, a passage about what the text asks, the matching
	 * words (synonyms included) marked: HTML, the article's text escaped and each match
	 * in {@code <mark>}. Without a match in its symptoms, resolution or title, the start
	 * of its symptoms (or resolution), escaped. The text is analysed into a query once
	 * for all the articles.
	 */
	public List<String> snippets(List<ArticleText> articles, String text) {
		if (text == null || text.isBlank()) {
			return articles.stream().map(KnowledgeIndex::start).toList();
		}
		Query query = textQuery(text, MAX_QUERY_WORDS[MAX_QUERY_WORDS.length - 1]);
		return articles.stream().map((article) -> highlighted(article, query)).toList();
	}

	private String highlighted(ArticleText article, Query query) {
		String language = this.analyzers.containsKey(article.language()) ? article.language() : "en";
		Map<String, String> texts = Map.of("symptoms", Objects.toString(article.symptoms(), ""), "resolution",
				Objects.toString(article.resolution(), ""), "title", article.title());
		for (String name : SNIPPET_FIELDS) {
			String content = texts.get(name);
			if (content.isBlank()) {
				continue;
			}
			String field = field(name, language);
			QueryScorer scorer = new QueryScorer(query, field);
			Highlighter highlighter = new Highlighter(new SimpleHTMLFormatter("<mark>", "</mark>"),
					new SimpleHTMLEncoder(), scorer);
			highlighter.setTextFragmenter(new SimpleSpanFragmenter(scorer, SNIPPET_LENGTH));
			try {
				String best = highlighter.getBestFragments(this.analyzers.get(language).tokenStream(field, content),
						content, 2, " … ");
				if (best != null && !best.isBlank()) {
					return best.strip();
				}
			}
			catch (IOException | InvalidTokenOffsetsException ex) {
				// A snippet is a help; the plain start of the text does as well.
				logger.debug("Could not highlight article {}", article.number(), ex);
			}
		}
		return start(article);
	}

	private static String start(ArticleText article) {
		String plain = (article.symptoms() != null && !article.symptoms().isBlank()) ? article.symptoms()
				: Objects.toString(article.resolution(), "");
		return SimpleHTMLEncoder
			.htmlEncode((plain.length() > SNIPPET_LENGTH) ? plain.substring(0, SNIPPET_LENGTH).strip() + " …" : plain);
	}

	private static void addText(Document document, String field, @Nullable String text) {
		if (text != null && !text.isBlank()) {
			document.add(new TextField(field, text, Field.Store.NO));
		}
	}

	private static String field(String name, String language) {
		return name + "_" + language;
	}

	@PreDestroy
	void close() throws IOException {
		synchronized (this.writeLock) {
			this.searchers.close();
			this.writer.close();
			this.directory.close();
			this.queryAnalyzers.values().forEach(Analyzer::close);
			this.analyzers.values().forEach(Analyzer::close);
		}
	}

	private record Stamp(int version, Instant updatedAt) {

		static Stamp of(KnowledgeArticle article) {
			return new Stamp(article.version(), Objects.requireNonNull(article.updatedAt()));
		}

	}

}

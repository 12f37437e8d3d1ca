package org.incidentdesk.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;

import javax.sql.DataSource;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.id.IndonesianAnalyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.incidentdesk.knowledge.internal.KnowledgeIndexer;
import org.incidentdesk.knowledge.internal.KnowledgeSynonyms;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The benchmark's own endpoints, under {@code /bench}, registered only by
 * {@link BenchmarkApplication} (never in the product or the other tests). They sit behind
 * the application's security like {@code /api/v1}, so a baseline request pays the same
 * HTTP Basic sign-in as the product's.
 * <ul>
 * <li>{@code POST /bench/fill/incidents?count=} and
 * {@code POST /bench/fill/articles?count=} run {@link DataGenerator}; articles are then
 * indexed by the product's own rebuild ({@link KnowledgeIndexer#rebuild()}).</li>
 * <li>{@code GET /bench/lucene/search?q=&limit=}: the raw Lucene baseline, a plain
 * {@link IndexSearcher} over the same index directory the product writes, with the same
 * text query (each language's analyzer with its synonyms over its fields, the product's
 * boosts) but none of the product's work around it: no tenant, state or visibility
 * filter, no database read of the hits, no access check.</li>
 * <li>{@code POST /bench/drain/classifications} waits until no classification a burst of
 * reports queued is left.</li>
 * </ul>
 */
final class BenchmarkHooks implements DisposableBean {

	/**
	 * The product's field names and boosts (KnowledgeIndex keeps them private). If they
	 * drift, the raw query finds nothing and the benchmark's check on its hits fails.
	 */
	private static final Map<String, Float> TEXT_FIELDS = Map.of("title", 3f, "symptoms", 2f, "tags", 2f, "resolution",
			1f);

	/** The longest {@code /bench/drain/classifications} waits. */
	private static final Duration DRAIN_LIMIT = Duration.ofMinutes(10);

	private final DataSource dataSource;

	private final KnowledgeIndexer indexer;

	private final Directory directory;

	/**
	 * The product's query analyzers: each language's analyzer with its synonyms, so the
	 * raw query has the same terms as the product's.
	 */
	private final Map<String, Analyzer> analyzers = KnowledgeSynonyms
		.queryAnalyzers(Map.of("en", new EnglishAnalyzer(), "id", new IndonesianAnalyzer()));

	private volatile SearcherManager searchers;

	BenchmarkHooks(DataSource dataSource, KnowledgeIndexer indexer, Path indexDirectory) {
		this.dataSource = dataSource;
		this.indexer = indexer;
		try {
			this.directory = FSDirectory.open(indexDirectory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	RouterFunction<ServerResponse> routes() {
		return RouterFunctions.route()
			.POST("/bench/fill/incidents", this::fillIncidents)
			.POST("/bench/fill/articles", this::fillArticles)
			.GET("/bench/lucene/search", this::rawSearch)
			.POST("/bench/drain/classifications", this::drainClassifications)
			.build();
	}

	/**
	 * Waits until the job executor has run every classification a burst of reports queued
	 * (README "Reporting during an outage"), so that the next phase starts on a quiet
	 * node, and says how many there were, how long they took after the phase and the
	 * JVM's CPU time meanwhile.
	 */
	private ServerResponse drainClassifications(ServerRequest request) throws InterruptedException {
		long started = System.nanoTime();
		long cpuBefore = processCpuNanos();
		long deadline = started + DRAIN_LIMIT.toNanos();
		long queued = queuedClassifications("retries_ > 0");
		long left = queued;
		while (left > 0 && System.nanoTime() < deadline) {
			Thread.sleep(100);
			left = queuedClassifications("retries_ > 0");
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		double cpuSeconds = (processCpuNanos() - cpuBefore) / 1e9;
		long failed = queuedClassifications("retries_ = 0");
		System.out.printf(
				"BENCHMARK %,d queued classifications done %.1f s after the phase, JVM CPU %.1f s (%,d left, %,d failed)%n",
				queued, seconds, cpuSeconds, left, failed);
		Map<String, Object> body = Map.of("queued", queued, "seconds", seconds, "jvmCpuSeconds", cpuSeconds, "left",
				left, "failed", failed);
		if (left > 0 || failed > 0) {
			// The phase's check expects 200: a backlog that did not drain fails the run.
			return ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
				.contentType(MediaType.APPLICATION_JSON)
				.body(body);
		}
		return json(body);
	}

	private long queuedClassifications(String retries) {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement count = connection
					.prepareStatement("select count(*) from act_ru_job j join act_ru_jobdef d on d.id_ = j.job_def_id_"
							+ " where d.act_id_ = 'Task_ClassifyIncident' and j." + retries);
				ResultSet result = count.executeQuery()) {
			result.next();
			return result.getLong(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not count the queued classifications.", ex);
		}
	}

	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	private ServerResponse fillIncidents(ServerRequest request) {
		int count = Integer.parseInt(request.param("count").orElse("0"));
		long started = System.nanoTime();
		long total = new DataGenerator(this.dataSource).incidents(count);
		double seconds = (System.nanoTime() - started) / 1e9;
		System.out.printf("BENCHMARK filled %,d incidents in %.1f s (%,d in the table)%n", count, seconds, total);
		return json(Map.of("generated", count, "total", total, "seconds", seconds));
	}

	private ServerResponse fillArticles(ServerRequest request) throws IOException {
		int count = Integer.parseInt(request.param("count").orElse("0"));
		long started = System.nanoTime();
		long total = new DataGenerator(this.dataSource).articles(count);
		double fillSeconds = (System.nanoTime() - started) / 1e9;
		started = System.nanoTime();
		this.indexer.rebuild();
		double indexSeconds = (System.nanoTime() - started) / 1e9;
		searchers().maybeRefreshBlocking();
		System.out.printf("BENCHMARK filled %,d knowledge articles in %.1f s, rebuilt the index of %,d in %.1f s%n",
				count, fillSeconds, total, indexSeconds);
		return json(Map.of("generated", count, "total", total, "seconds", fillSeconds, "indexSeconds", indexSeconds));
	}

	private ServerResponse rawSearch(ServerRequest request) throws IOException, ParseException {
		String text = request.param("q").orElse("");
		int limit = Integer.parseInt(request.param("limit").orElse("10"));
		String escaped = QueryParser.escape(text.toLowerCase());
		BooleanQuery.Builder query = new BooleanQuery.Builder();
		for (Map.Entry<String, Analyzer> language : this.analyzers.entrySet()) {
			Map<String, Float> boosts = new HashMap<>();
			TEXT_FIELDS.forEach((field, boost) -> boosts.put(field + "_" + language.getKey(), boost));
			query.add(new MultiFieldQueryParser(boosts.keySet().toArray(String[]::new), language.getValue(), boosts)
				.parse(escaped), Occur.SHOULD);
		}
		SearcherManager manager = searchers();
		IndexSearcher searcher = manager.acquire();
		try {
			StringJoiner hits = new StringJoiner(",", "[", "]");
			for (ScoreDoc hit : searcher.search(query.build(), limit).scoreDocs) {
				hits.add("{\"articleId\":" + searcher.storedFields().document(hit.doc).get("article_id") + ",\"score\":"
						+ hit.score + "}");
			}
			return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(hits.toString());
		}
		finally {
			manager.release(searcher);
		}
	}

	private SearcherManager searchers() throws IOException {
		if (this.searchers == null) {
			synchronized (this) {
				if (this.searchers == null) {
					this.searchers = new SearcherManager(DirectoryReader.open(this.directory), null);
				}
			}
		}
		return this.searchers;
	}

	private static ServerResponse json(Map<String, Object> body) {
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(body);
	}

	@Override
	public void destroy() throws IOException {
		if (this.searchers != null) {
			this.searchers.close();
		}
		this.directory.close();
		this.analyzers.values().forEach(Analyzer::close);
	}

}

package org.incidentdesk.knowledge.internal;

import java.io.IOException;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.CollectionTerminatedException;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FilterLeafCollector;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollector;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.Weight;

/**
 * The best documents of a text query among those a filter lets through (tenant, state,
 * visibility, language), scored by the text query alone.
 * <p>
 * As one query ({@code +text #filter}) Lucene 9 scores the text's words in a conjunction
 * with the filter and gives up the skipping it does for a plain disjunction of words
 * (MaxScore): under the knowledge benchmark's load a search cost about twice the CPU of
 * the same text query without the filter (docs/benchmarks.md, (d)). Here the text query
 * runs alone, with that skipping, and the filter decides in the collector which of the
 * documents it produces may count: the k-th best allowed document is still a correct
 * lower bound for what can enter the top k, so the result is the same as the combined
 * query's.
 */
final class FilteredSearch {

	/**
	 * As {@link IndexSearcher#search(Query, int)}: hits counted exactly up to this many.
	 */
	private static final int TOTAL_HITS_THRESHOLD = 1000;

	private FilteredSearch() {
	}

	static TopDocs search(IndexSearcher searcher, Query text, Query filter, int limit) throws IOException {
		Weight allowed = searcher.createWeight(searcher.rewrite(filter), ScoreMode.COMPLETE_NO_SCORES, 1f);
		TopScoreDocCollector best = new TopScoreDocCollectorManager(limit, null, TOTAL_HITS_THRESHOLD).newCollector();
		searcher.search(text, new Collector() {

			@Override
			public ScoreMode scoreMode() {
				return best.scoreMode();
			}

			@Override
			public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
				Scorer scorer = allowed.scorer(context);
				if (scorer == null) {
					throw new CollectionTerminatedException();
				}
				// A leaf's documents come in increasing order (the top-k collector
				// relies on it too), so the filter steps along with them.
				DocIdSetIterator allowedDocs = scorer.iterator();
				return new FilterLeafCollector(best.getLeafCollector(context)) {

					@Override
					public void collect(int doc) throws IOException {
						int next = allowedDocs.docID();
						if (next < doc) {
							next = allowedDocs.advance(doc);
						}
						if (next == doc) {
							super.collect(doc);
						}
					}

				};
			}

		});
		return best.topDocs();
	}

}

package org.incidentdesk.knowledge.internal;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.HashMap;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.AnalyzerWrapper;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.apache.lucene.search.BoostAttribute;
import org.springframework.core.io.ClassPathResource;

/**
 * The synonym lists of knowledge search, one per language
 * ({@code knowledge/synonyms-en.txt}, {@code knowledge/synonyms-id.txt}, Solr format),
 * and the query analyzers that apply them.
 * <p>
 * Synonyms apply to what a reader types, not to the indexed articles, so a list can
 * change without re-indexing, and an article's own words are what its snippet marks. A
 * language's list serves the search in that language's fields (a query is searched in
 * every language), parsed by that language's analyzer, so its entries are lower-cased and
 * stemmed like the query's words. A synonym counts for less than the word typed
 * ({@value #SYNONYM_BOOST}): it finds more articles without reordering those that the
 * typed words find.
 */
public final class KnowledgeSynonyms {

	static final float SYNONYM_BOOST = 0.2f;

	static final Map<String, String> LISTS = Map.of("en", "knowledge/synonyms-en.txt", "id",
			"knowledge/synonyms-id.txt");

	private KnowledgeSynonyms() {
	}

	/**
	 * For each language, its analyzer with its list's synonyms appended (a language
	 * without a list: its analyzer as it is). Public for the load benchmark's raw Lucene
	 * baseline, which parses the same text query.
	 */
	public static Map<String, Analyzer> queryAnalyzers(Map<String, Analyzer> analyzers) {
		Map<String, Analyzer> withSynonyms = new HashMap<>();
		analyzers.forEach((language, analyzer) -> withSynonyms.put(language,
				LISTS.containsKey(language) ? withSynonyms(analyzer, map(analyzer, LISTS.get(language))) : analyzer));
		return Map.copyOf(withSynonyms);
	}

	private static SynonymMap map(Analyzer analyzer, String list) {
		try {
			SolrSynonymParser parser = new SolrSynonymParser(true, true, analyzer);
			try (Reader reader = new InputStreamReader(new ClassPathResource(list).getInputStream(),
					StandardCharsets.UTF_8)) {
				parser.parse(reader);
			}
			return parser.build();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (ParseException ex) {
			throw new IllegalStateException(
					"The knowledge synonym list " + list + " does not parse: " + ex.getMessage(), ex);
		}
	}

	private static Analyzer withSynonyms(Analyzer analyzer, SynonymMap synonyms) {
		return new AnalyzerWrapper(analyzer.getReuseStrategy()) {

			@Override
			protected Analyzer getWrappedAnalyzer(String fieldName) {
				return analyzer;
			}

			@Override
			protected TokenStreamComponents wrapComponents(String fieldName, TokenStreamComponents components) {
				return new TokenStreamComponents(components.getSource(),
						new SynonymBoost(new SynonymGraphFilter(components.getTokenStream(), synonyms, true)));
			}

		};
	}

	/** Gives the synonyms that the filter adds their smaller weight in the query. */
	private static final class SynonymBoost extends TokenFilter {

		private final TypeAttribute type = addAttribute(TypeAttribute.class);

		private final BoostAttribute boost = addAttribute(BoostAttribute.class);

		SynonymBoost(TokenStream input) {
			super(input);
		}

		@Override
		public boolean incrementToken() throws IOException {
			if (!this.input.incrementToken()) {
				return false;
			}
			this.boost.setBoost(SynonymGraphFilter.TYPE_SYNONYM.equals(this.type.type()) ? SYNONYM_BOOST : 1f);
			return true;
		}

	}

}

package org.incidentdesk.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.incidentdesk.knowledge.internal.KnowledgeIndexer;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Empties the knowledge tables and the index, and loads the articles of
 * {@code knowledge/corpus.json} through {@link KnowledgeBase#create}.
 */
class TestCorpus {

	private final KnowledgeBase knowledge;

	private final KnowledgeIndexer indexer;

	private final JdbcClient jdbc;

	TestCorpus(KnowledgeBase knowledge, KnowledgeIndexer indexer, JdbcClient jdbc) {
		this.knowledge = knowledge;
		this.indexer = indexer;
		this.jdbc = jdbc;
	}

	void clear() {
		this.jdbc.sql("delete from knowledge_usage").update();
		this.jdbc.sql("delete from knowledge_feedback").update();
		this.jdbc.sql("delete from knowledge_article").update();
		this.indexer.rebuild();
	}

	/**
	 * @return the created articles by their key in the file
	 */
	Map<String, KnowledgeArticle> load() {
		Map<String, KnowledgeArticle> created = new LinkedHashMap<>();
		for (CorpusArticle article : read()) {
			created.put(article.key(), this.knowledge.create(article.toNewArticle(), "kb-author"));
		}
		return created;
	}

	private static List<CorpusArticle> read() {
		try (InputStream in = TestCorpus.class.getResourceAsStream("/knowledge/corpus.json")) {
			return new ObjectMapper().readValue(in, new TypeReference<List<CorpusArticle>>() {
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	record CorpusArticle(String key, String tenantId, ArticleKind kind, String title, String symptoms,
			String resolution, List<String> tags, String language, ArticleVisibility visibility, ArticleState state,
			String problemRef, String workaround) {

		NewArticle toNewArticle() {
			return new NewArticle(this.tenantId, this.kind, this.title, this.symptoms, this.resolution, this.tags,
					this.language, this.visibility, this.state, this.problemRef, this.workaround);
		}

	}

}

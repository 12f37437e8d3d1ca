package org.incidentdesk.knowledge;

import java.time.Duration;

import org.incidentdesk.knowledge.internal.ArticleRepository;
import org.incidentdesk.knowledge.internal.KnowledgeIndex;
import org.incidentdesk.knowledge.internal.KnowledgeIndexer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The catch-up runs by itself: an article another node writes is found within moments,
 * without anybody asking for a catch-up.
 */
@JdbcTest(properties = "incident-desk.knowledge.refresh-interval=PT0.1S")
@Import({ KnowledgeConfiguration.class, KnowledgeBase.class, ArticleRepository.class, KnowledgeIndex.class,
		KnowledgeIndexer.class })
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class KnowledgeCatchUpSchedulingTests {

	@Autowired
	KnowledgeBase knowledge;

	@Autowired
	JdbcClient jdbc;

	@Test
	void findsAnArticleAnotherNodeWroteWithinTheRefreshInterval() {
		// Given another node inserts an article into the shared database
		this.jdbc.sql("""
				insert into knowledge_article (number, kind, title, language, visibility, state, created_at, updated_at)
				values ('KB9100001', 'ARTICLE', 'Projector in room 5 flickers', 'en', 'PUBLIC', 'PUBLISHED',
				    current_timestamp, current_timestamp)
				""").update();

		// When / Then
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.knowledge.suggest("acme", "projector flickers", Audience.CALLER, 5))
				.extracting(KnowledgeSuggestion::articleNumber)
				.containsExactly("KB9100001"));
	}

}

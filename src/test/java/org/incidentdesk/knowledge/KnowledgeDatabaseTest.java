package org.incidentdesk.knowledge;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.incidentdesk.knowledge.internal.ArticleRepository;
import org.incidentdesk.knowledge.internal.KnowledgeIndex;
import org.incidentdesk.knowledge.internal.KnowledgeIndexer;
import org.incidentdesk.knowledge.internal.KnowledgeUsageFolding;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The knowledge feature on an embedded H2 database that Flyway migrated.
 * <p>
 * Tests do not run in a transaction of their own, unlike plain {@code @JdbcTest}s: the
 * index only takes up changes once they commit. The scheduled catch-up runs once at start
 * and then waits an hour, so tests call it themselves when they want it; so does the
 * folding of article uses into their counters.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@JdbcTest(properties = { "incident-desk.knowledge.refresh-interval=PT1H",
		"incident-desk.knowledge.usage-fold-interval=PT1H" })
@Import({ KnowledgeConfiguration.class, KnowledgeBase.class, ArticleRepository.class, KnowledgeIndex.class,
		KnowledgeIndexer.class, KnowledgeUsageFolding.class, TestCorpus.class })
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@interface KnowledgeDatabaseTest {

}

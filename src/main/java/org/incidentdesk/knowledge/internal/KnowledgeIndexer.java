package org.incidentdesk.knowledge.internal;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.incidentdesk.knowledge.KnowledgeArticle;
import org.incidentdesk.knowledge.KnowledgeSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps this node's {@link KnowledgeIndex} in step with the database.
 * <ul>
 * <li>At start, before the application takes requests, the index is built from every
 * article.</li>
 * <li>Changes made on this node reach the index as soon as their transaction commits,
 * never before: a rolled-back article must not be found.</li>
 * <li>Changes made on other nodes sharing the database are found by a catch-up every few
 * seconds, which reads the articles changed since the newest change it has seen.</li>
 * </ul>
 * The catch-up is scheduled on every node, unlike the rest of the scheduled work, since
 * every node keeps an index of its own (README "More than one node").
 */
@Component
public class KnowledgeIndexer implements SmartInitializingSingleton {

	private static final Logger logger = LoggerFactory.getLogger(KnowledgeIndexer.class);

	private static final int BATCH_SIZE = 500;

	private final ArticleRepository articles;

	private final KnowledgeIndex index;

	private final KnowledgeSettings settings;

	/**
	 * The newest {@code updated_at} this node has indexed; the catch-up looks again from
	 * a bit before.
	 */
	private volatile Instant watermark = Instant.EPOCH;

	public KnowledgeIndexer(ArticleRepository articles, KnowledgeIndex index, KnowledgeSettings settings) {
		this.articles = articles;
		this.index = index;
		this.settings = settings;
	}

	@Override
	public void afterSingletonsInstantiated() {
		rebuild();
		logger.info("Knowledge index built from the database");
	}

	/**
	 * Rebuilds the whole index from the database.
	 */
	public synchronized void rebuild() {
		// Read before the articles: whatever changes while they are read is newer and
		// caught up later.
		Instant newest = this.articles.findNewestUpdate().orElse(Instant.EPOCH);
		Stream<List<KnowledgeArticle>> batches = Stream.iterate(this.articles.findBatchAfter(0, BATCH_SIZE),
				(batch) -> !batch.isEmpty(),
				(batch) -> this.articles.findBatchAfter(batch.get(batch.size() - 1).id(), BATCH_SIZE));
		int count = this.index.replaceAll(batches::iterator);
		this.watermark = newest;
		logger.debug("Knowledge index rebuilt from {} articles", count);
	}

	/**
	 * Indexes the articles changed since the watermark, less an overlap: a transaction
	 * stamps {@code updated_at} when it starts but becomes visible only when it commits,
	 * so a change can appear with a timestamp older than one already seen. Articles the
	 * index already holds in that version are skipped, so looking again costs one query.
	 */
	@Scheduled(fixedDelayString = "${incident-desk.knowledge.refresh-interval:PT5S}")
	public synchronized void catchUp() {
		try {
			List<KnowledgeArticle> changed = this.articles
				.findUpdatedAfter(this.watermark.minus(this.settings.catchUpOverlap()));
			int written = this.index.update(changed);
			this.index.commit();
			changed.stream().map(KnowledgeArticle::updatedAt).max(Instant::compareTo).ifPresent(this::advance);
			if (written > 0) {
				logger.debug("Knowledge index caught up with {} changed articles", written);
			}
		}
		catch (RuntimeException ex) {
			// The next run tries again; searches meanwhile use the index as it is.
			logger.warn("Knowledge index could not catch up with the database", ex);
		}
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(ArticleChanged event) {
		try {
			this.index.update(List.of(event.article()));
		}
		catch (RuntimeException ex) {
			// The change is committed; failing the caller now would only hide that. The
			// catch-up indexes it within seconds.
			logger.warn("Knowledge article {} could not be indexed", event.article().number(), ex);
		}
	}

	private void advance(Instant updatedAt) {
		if (updatedAt.isAfter(this.watermark)) {
			this.watermark = updatedAt;
		}
	}

}

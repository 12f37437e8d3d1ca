package org.incidentdesk.knowledge.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Folds the recorded uses of articles into their counters in the background, in batches,
 * outside any report's transaction (see {@link ArticleRepository#foldUsage}). Until a use
 * is folded the article's count still includes it, so the delay shows nowhere.
 * <p>
 * It runs on every node; a fold locks the one row of {@code knowledge_usage_fold} first,
 * so folds of several nodes take turns and each reads only the uses the one before it
 * left (README "More than one node").
 */
@Component
public class KnowledgeUsageFolding {

	private static final Logger logger = LoggerFactory.getLogger(KnowledgeUsageFolding.class);

	private final ArticleRepository articles;

	private final TransactionTemplate transaction;

	KnowledgeUsageFolding(ArticleRepository articles, PlatformTransactionManager transactions) {
		this.articles = articles;
		this.transaction = new TransactionTemplate(transactions);
	}

	/**
	 * Folds every use recorded so far, a batch per transaction.
	 * @return how many uses were folded
	 */
	public int fold() {
		int folded = 0;
		int batch;
		do {
			batch = this.transaction.execute((status) -> this.articles.foldUsage());
			folded += batch;
		}
		while (batch == ArticleRepository.FOLD_BATCH);
		return folded;
	}

	@Scheduled(fixedDelayString = "${incident-desk.knowledge.usage-fold-interval:PT10S}")
	void foldInBackground() {
		try {
			int folded = fold();
			if (folded > 0) {
				logger.debug("Folded {} uses of knowledge articles into their counters", folded);
			}
		}
		catch (DataAccessException ex) {
			// The uses stay recorded and counted; the next run folds them.
			logger.warn("Could not fold the uses of knowledge articles into their counters", ex);
		}
	}

}

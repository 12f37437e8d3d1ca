package org.incidentdesk.knowledge.internal;

import org.incidentdesk.knowledge.KnowledgeArticle;

/**
 * An article was created or its content changed; the index takes it up once the
 * transaction commits.
 */
public record ArticleChanged(KnowledgeArticle article) {
}

package org.incidentdesk.knowledge.internal;

import org.incidentdesk.knowledge.ArticleKind;
import org.incidentdesk.knowledge.ArticleState;
import org.incidentdesk.knowledge.ArticleVisibility;
import org.incidentdesk.knowledge.Audience;
import org.incidentdesk.knowledge.KnowledgeArticle;
import org.springframework.lang.Nullable;

/**
 * What a suggestion or a search result shows of an article, and what decides who may see
 * it: an article without its counters. Suggestions are read often and alike (an outage
 * brings many reports of one problem), and counting an article's uses not folded yet
 * costs the database more than the rest of the read, for figures a suggestion never
 * shows.
 */
public record ArticleText(long id, String number, @Nullable String tenantId, ArticleKind kind, String title,
		@Nullable String symptoms, @Nullable String resolution, String language, ArticleVisibility visibility,
		ArticleState state) {

	public static ArticleText of(KnowledgeArticle article) {
		return new ArticleText(article.id(), article.number(), article.tenantId(), article.kind(), article.title(),
				article.symptoms(), article.resolution(), article.language(), article.visibility(), article.state());
	}

	/** As {@link KnowledgeArticle#isVisibleTo}. */
	public boolean isVisibleTo(@Nullable String viewerTenantId, Audience audience) {
		return KnowledgeArticle.isVisible(this.state, this.tenantId, this.visibility, viewerTenantId, audience);
	}

}

package org.incidentdesk.knowledge;

import java.time.Instant;
import java.util.List;

import org.springframework.lang.Nullable;

/**
 * A knowledge article or known error as stored.
 *
 * @param tenantId the tenant that owns the article, or {@code null} for a provider-wide
 * article that every tenant sees
 * @param language {@code "en"} or {@code "id"}
 * @param problemRef for known errors, the problem record whose root cause this is
 * @param usageCount times the article was suggested or viewed
 * @param helpfulCount times somebody said the article solved their problem
 */
public record KnowledgeArticle(long id, String number, @Nullable String tenantId, ArticleKind kind, String title,
		@Nullable String symptoms, @Nullable String resolution, List<String> tags, String language,
		ArticleVisibility visibility, ArticleState state, @Nullable String problemRef, @Nullable String workaround,
		int usageCount, int helpfulCount, @Nullable String createdBy, Instant createdAt, Instant updatedAt,
		int version) {

	public KnowledgeArticle {
		tags = List.copyOf(tags);
	}

	public boolean isProviderWide() {
		return this.tenantId == null;
	}

	/**
	 * Whether a user of the given tenant ({@code null}: provider staff outside any
	 * tenant) may read this article: it is published, belongs to that tenant or to every
	 * tenant, and its visibility suits the audience.
	 */
	public boolean isVisibleTo(@Nullable String viewerTenantId, Audience audience) {
		return isVisible(this.state, this.tenantId, this.visibility, viewerTenantId, audience);
	}

	/**
	 * Whether a user of the viewer's tenant may read an article of that state, owner and
	 * visibility (see {@link #isVisibleTo}).
	 */
	public static boolean isVisible(ArticleState state, @Nullable String ownerTenantId, ArticleVisibility visibility,
			@Nullable String viewerTenantId, Audience audience) {
		return state == ArticleState.PUBLISHED && (ownerTenantId == null || ownerTenantId.equals(viewerTenantId))
				&& audience.mayRead(visibility);
	}

	/**
	 * Whether the article belongs to the given tenant or to every tenant, whatever its
	 * state.
	 */
	public boolean isInScopeOf(@Nullable String viewerTenantId) {
		return this.tenantId == null || this.tenantId.equals(viewerTenantId);
	}

}

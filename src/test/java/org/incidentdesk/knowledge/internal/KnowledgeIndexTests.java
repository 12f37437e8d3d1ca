package org.incidentdesk.knowledge.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.incidentdesk.knowledge.ArticleKind;
import org.incidentdesk.knowledge.ArticleState;
import org.incidentdesk.knowledge.ArticleVisibility;
import org.incidentdesk.knowledge.Audience;
import org.incidentdesk.knowledge.KnowledgeArticle;
import org.incidentdesk.knowledge.KnowledgeSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The index on its own, without the database re-checking what it finds.
 */
class KnowledgeIndexTests {

	private static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");

	KnowledgeIndex index;

	@BeforeEach
	void openIndex() throws IOException {
		this.index = new KnowledgeIndex(settings(null));
	}

	@AfterEach
	void closeIndex() throws IOException {
		this.index.close();
	}

	@Test
	void findsOnlyPublishedArticlesOfTheTenantOrEveryTenantThatTheAudienceMayRead() {
		// Given
		this.index.update(List.of(article(1, null, "scanner jam", ArticleVisibility.PUBLIC, ArticleState.PUBLISHED),
				article(2, "acme", "scanner jam", ArticleVisibility.PUBLIC, ArticleState.PUBLISHED),
				article(3, "globex", "scanner jam", ArticleVisibility.PUBLIC, ArticleState.PUBLISHED),
				article(4, "acme", "scanner jam", ArticleVisibility.INTERNAL, ArticleState.PUBLISHED),
				article(5, "acme", "scanner jam", ArticleVisibility.PUBLIC, ArticleState.DRAFT)));

		// When / Then
		assertThat(ids("acme", Audience.CALLER)).containsExactlyInAnyOrder(1L, 2L);
		assertThat(ids("acme", Audience.STAFF)).containsExactlyInAnyOrder(1L, 2L, 4L);
		assertThat(ids("globex", Audience.STAFF)).containsExactlyInAnyOrder(1L, 3L);
		assertThat(ids(null, Audience.STAFF)).containsExactlyInAnyOrder(1L);
	}

	@Test
	void keepsTheNewerVersionWhenAnOlderCopyArrivesLate() {
		// Given the index holds version 2
		this.index.update(List.of(article(1, "new words", 2, NOW.plusSeconds(5))));

		// When version 1 arrives, say from a catch-up that read it before the change
		int written = this.index.update(List.of(article(1, "old words", 1, NOW)));

		// Then
		assertThat(written).isZero();
		assertThat(ids("acme", "new", Audience.CALLER)).containsExactly(1L);
		assertThat(ids("acme", "old", Audience.CALLER)).isEmpty();
	}

	@Test
	void skipsArticlesItAlreadyHoldsAsTheyAre() {
		// Given
		KnowledgeArticle article = article(1, "scanner jam", 0, NOW);
		this.index.update(List.of(article));

		// When / Then
		assertThat(this.index.update(List.of(article))).isZero();
		assertThat(this.index.update(List.of(article(1, "scanner fixed", 0, NOW.plusSeconds(1))))).isOne();
		assertThat(ids("acme", "fixed", Audience.CALLER)).containsExactly(1L);
	}

	@Test
	void replacesEverythingOnRebuild() {
		// Given
		this.index.update(List.of(article(1, "scanner jam", 0, NOW), article(2, "scanner jam", 0, NOW)));

		// When
		int count = this.index.replaceAll(List.of(List.of(article(2, "scanner jam", 0, NOW))));

		// Then
		assertThat(count).isOne();
		assertThat(ids("acme", "scanner", Audience.CALLER)).containsExactly(2L);
	}

	@Test
	void keepsTheIndexInADirectoryWhenOneIsConfigured(@TempDir Path directory) throws IOException {
		// Given
		KnowledgeIndex onDisk = new KnowledgeIndex(settings(directory));
		try {
			// When
			onDisk.update(List.of(article(1, "scanner jam", 0, NOW)));
			onDisk.commit();

			// Then
			assertThat(onDisk.search("acme", "scanner", Audience.CALLER, 5)).extracting(IndexHit::articleId)
				.containsExactly(1L);
			assertThat(directory).isNotEmptyDirectory();
		}
		finally {
			onDisk.close();
		}
	}

	@Test
	void findsNothingForBlankTextOrNoLimit() {
		// Given
		this.index.update(List.of(article(1, "scanner jam", 0, NOW)));

		// When / Then
		assertThat(this.index.search("acme", " ", Audience.STAFF, 5)).isEmpty();
		assertThat(this.index.search("acme", "scanner", Audience.STAFF, 0)).isEmpty();
	}

	private List<Long> ids(String tenantId, Audience audience) {
		return ids(tenantId, "scanner", audience);
	}

	private List<Long> ids(String tenantId, String text, Audience audience) {
		return this.index.search(tenantId, text, audience, 10).stream().map(IndexHit::articleId).toList();
	}

	private static KnowledgeSettings settings(Path directory) {
		return new KnowledgeSettings(Duration.ofSeconds(5), Duration.ofMinutes(1), directory, Duration.ofSeconds(10));
	}

	private static KnowledgeArticle article(long id, String tenantId, String title, ArticleVisibility visibility,
			ArticleState state) {
		return new KnowledgeArticle(id, "KB%07d".formatted(id), tenantId, ArticleKind.ARTICLE, title, null, null,
				List.of(), "en", visibility, state, null, null, 0, 0, null, NOW, NOW, 0);
	}

	private static KnowledgeArticle article(long id, String title, int version, Instant updatedAt) {
		return new KnowledgeArticle(id, "KB%07d".formatted(id), "acme", ArticleKind.ARTICLE, title, null, null,
				List.of(), "en", ArticleVisibility.PUBLIC, ArticleState.PUBLISHED, null, null, 0, 0, null, NOW,
				updatedAt, version);
	}

}

package org.incidentdesk.knowledge;

import java.util.List;

import org.incidentdesk.knowledge.internal.ArticleRepository;
import org.incidentdesk.knowledge.internal.KnowledgeIndexer;
import org.incidentdesk.knowledge.internal.KnowledgeUsageFolding;
import org.junit.jupiter.api.BeforeEach;
import org.incidentdesk.system.DomainException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Writing articles, recording what helped, and keeping the index in step with the
 * database, also when another node writes to it.
 */
@KnowledgeDatabaseTest
class KnowledgeBaseTests {

	@Autowired
	KnowledgeBase knowledge;

	@Autowired
	KnowledgeIndexer indexer;

	@Autowired
	TestCorpus corpus;

	@Autowired
	ArticleRepository articles;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	KnowledgeUsageFolding folding;

	@Autowired
	PlatformTransactionManager transactionManager;

	@BeforeEach
	void emptyKnowledgeBase() {
		this.corpus.clear();
	}

	@Test
	void createsAnArticleWithTheNextNumber() {
		// Given
		NewArticle article = new NewArticle("acme", ArticleKind.KNOWN_ERROR, "Scanner driver crashes", "It crashes.",
				"Fixed in 2.1.", List.of("scanner", " driver "), "en", ArticleVisibility.INTERNAL,
				ArticleState.PUBLISHED, "PRB0000007", "Use the web scanner.");

		// When
		KnowledgeArticle first = this.knowledge.create(article, "agent.smith");
		KnowledgeArticle second = this.knowledge.create(article, "agent.smith");

		// Then
		assertThat(first.number()).matches("KB\\d{7}");
		assertThat(Long.parseLong(second.number().substring(2)))
			.isEqualTo(Long.parseLong(first.number().substring(2)) + 1);
		assertThat(first).usingRecursiveComparison()
			.ignoringFields("id", "number", "createdAt", "updatedAt")
			.isEqualTo(new KnowledgeArticle(0, null, "acme", ArticleKind.KNOWN_ERROR, "Scanner driver crashes",
					"It crashes.", "Fixed in 2.1.", List.of("scanner", "driver"), "en", ArticleVisibility.INTERNAL,
					ArticleState.PUBLISHED, "PRB0000007", "Use the web scanner.", 0, 0, "agent.smith", null, null, 0));
		assertThat(first.createdAt()).isNotNull().isEqualTo(first.updatedAt());
	}

	@Test
	void suggestsAnArticleAsSoonAsItsCreationCommits() {
		// Given nothing about scanners
		assertThat(this.knowledge.suggest("acme", "scanner", Audience.CALLER, 5)).isEmpty();

		// When
		KnowledgeArticle created = this.knowledge.create(article("acme", "Scanner shows a blank page"), "agent");

		// Then
		assertThat(this.knowledge.suggest("acme", "scanner blank page", Audience.CALLER, 5))
			.extracting(KnowledgeSuggestion::articleNumber)
			.containsExactly(created.number());
	}

	@Test
	void neverSuggestsAnArticleWhoseTransactionRolledBack() {
		// Given
		TransactionTemplate transaction = new TransactionTemplate(this.transactionManager);

		// When the article is created, but the surrounding transaction rolls back
		transaction.executeWithoutResult((status) -> {
			this.knowledge.create(article("acme", "Scanner shows a blank page"), "agent");
			// Inside the transaction, before the commit, the index has not taken it
			// up either
			assertThat(this.knowledge.suggest("acme", "scanner", Audience.STAFF, 5)).isEmpty();
			status.setRollbackOnly();
		});

		// Then
		assertThat(this.knowledge.suggest("acme", "scanner", Audience.STAFF, 5)).isEmpty();
		this.indexer.catchUp();
		assertThat(this.knowledge.suggest("acme", "scanner", Audience.STAFF, 5)).isEmpty();
	}

	@Test
	void findsAnArticleAnotherNodeWroteOnceItCatchesUp() {
		// Given another node inserts an article into the shared database
		insertAsAnotherNode("KB9000001", "Plotter prints stripes", "current_timestamp");
		assertThat(this.knowledge.suggest("acme", "plotter stripes", Audience.CALLER, 5)).isEmpty();

		// When this node catches up
		this.indexer.catchUp();

		// Then
		assertThat(this.knowledge.suggest("acme", "plotter stripes", Audience.CALLER, 5))
			.extracting(KnowledgeSuggestion::articleNumber)
			.containsExactly("KB9000001");
	}

	@Test
	void catchesUpWithAChangeThatCommittedAfterANewerOne() {
		// Given the catch-up has seen an article changed now
		this.knowledge.create(article(null, "Scanner shows a blank page"), "agent");
		this.indexer.catchUp();

		// When another node commits a change stamped ten seconds earlier, as a long
		// transaction does
		insertAsAnotherNode("KB9000002", "Plotter prints stripes", "current_timestamp - interval '10' second");
		this.indexer.catchUp();

		// Then
		assertThat(this.knowledge.suggest("acme", "plotter stripes", Audience.CALLER, 5))
			.extracting(KnowledgeSuggestion::articleNumber)
			.containsExactly("KB9000002");
	}

	@Test
	void catchesUpWithContentAnotherNodeChanged() {
		// Given an indexed article
		KnowledgeArticle article = this.knowledge.create(article("acme", "Plotter prints stripes"), "agent");

		// When another node changes its title
		this.jdbc.sql("""
				update knowledge_article set title = 'Plotter smudges ink', version = version + 1,
				    updated_at = current_timestamp where id = :id
				""").param("id", article.id()).update();
		this.indexer.catchUp();

		// Then the index has the new words, not the old ones
		assertThat(this.knowledge.suggest("acme", "smudges", Audience.CALLER, 5)).hasSize(1);
		assertThat(this.knowledge.suggest("acme", "stripes", Audience.CALLER, 5)).isEmpty();
	}

	@Test
	void rebuildsTheIndexFromTheDatabase() {
		// Given an article only in the database
		insertAsAnotherNode("KB9000003", "Plotter prints stripes", "current_timestamp");

		// When
		this.indexer.rebuild();

		// Then
		assertThat(this.knowledge.suggest(null, "plotter", Audience.CALLER, 5)).hasSize(1);
	}

	@Test
	void countsSuggestionsAndViewsAsUse() {
		// Given
		KnowledgeArticle article = this.knowledge.create(article("acme", "Scanner shows a blank page"), "agent");

		// When
		this.knowledge.suggest("acme", "scanner", Audience.CALLER, 5);
		this.knowledge.find("acme", article.number(), Audience.CALLER);
		this.knowledge.find("globex", article.number(), Audience.CALLER);

		// Then
		assertThat(reload(article).usageCount()).isEqualTo(2);
		assertThat(reload(article).updatedAt()).isEqualTo(article.updatedAt());
	}

	@Test
	void countsOneUseOfEveryArticleOneSearchSuggests() {
		// Given three articles that match, and one that does not
		List<KnowledgeArticle> matching = List.of(
				this.knowledge.create(article("acme", "Scanner shows a blank page"), "agent"),
				this.knowledge.create(article("acme", "Scanner jams on thick paper"), "agent"),
				this.knowledge.create(article(null, "Scanner driver is missing"), "agent"));
		KnowledgeArticle other = this.knowledge.create(article("acme", "Monitor flickers"), "agent");

		// When
		assertThat(this.knowledge.suggest("acme", "scanner", Audience.STAFF, 5)).hasSize(3);

		// Then
		assertThat(matching).allSatisfy((article) -> assertThat(uses(article)).isEqualTo(1));
		assertThat(uses(other)).isZero();
	}

	@Test
	void foldsRecordedUsesIntoTheCounterWithoutChangingTheCount() {
		// Given an article suggested three times and viewed once
		KnowledgeArticle article = this.knowledge.create(article("acme", "Scanner shows a blank page"), "agent");
		for (int i = 0; i < 3; i++) {
			this.knowledge.suggest("acme", "scanner", Audience.STAFF, 5);
		}
		this.knowledge.find("acme", article.number(), Audience.CALLER);
		assertThat(uses(article)).isEqualTo(4);

		// When the uses are folded, and the article is used once more
		assertThat(this.folding.fold()).isGreaterThanOrEqualTo(4);
		this.knowledge.find("acme", article.number(), Audience.CALLER);

		// Then the folded uses are gone from the use rows, and the count is whole
		assertThat(uses(article)).isEqualTo(1);
		assertThat(reload(article).usageCount()).isEqualTo(5);
		assertThat(this.jdbc.sql("select usage_count from knowledge_article where id = :id")
			.param("id", article.id())
			.query(Integer.class)
			.single()).isEqualTo(4);
	}

	@Test
	void tellsWhetherAReaderMaySeeAnArticleWithoutCountingAUse() {
		// Given
		KnowledgeArticle article = this.knowledge.create(article("acme", "Scanner shows a blank page"), "agent");

		// When / Then
		assertThat(this.knowledge.isVisible("acme", article.number(), Audience.CALLER)).isTrue();
		assertThat(this.knowledge.isVisible("globex", article.number(), Audience.STAFF)).isFalse();
		assertThat(this.knowledge.isVisible("acme", "KB0000000", Audience.STAFF)).isFalse();
		assertThat(reload(article).usageCount()).isZero();
	}

	@Test
	void recordsThatAnArticleSolvedAProblemOncePerUserAndIncident() {
		// Given
		KnowledgeArticle article = this.knowledge.create(article(null, "Scanner shows a blank page"), "agent");

		// When
		this.knowledge.recordSolved("acme", article.number(), "alice", "INC0001001");
		this.knowledge.recordSolved("acme", article.number(), "alice", "INC0001001");
		this.knowledge.recordSolved("acme", article.number(), "alice", null);
		this.knowledge.recordSolved("acme", article.number(), "alice", null);
		this.knowledge.recordSolved("globex", article.number(), "bob", null);

		// Then
		assertThat(reload(article).helpfulCount()).isEqualTo(3);
		assertThat(this.jdbc.sql("""
				select tenant_id, user_id, incident_number, kind from knowledge_feedback
				where article_id = :id order by id
				""")
			.param("id", article.id())
			.query((rs, row) -> List.of(String.valueOf(rs.getString(1)), rs.getString(2),
					String.valueOf(rs.getString(3)), rs.getString(4)))
			.list()).containsExactly(List.of("acme", "alice", "INC0001001", "SOLVED"),
					List.of("acme", "alice", "null", "SOLVED"), List.of("globex", "bob", "null", "SOLVED"));
	}

	@Test
	void refusesSolvedFeedbackForAnArticleTheTenantCannotSee() {
		// Given an article of acme and a draft
		KnowledgeArticle acme = this.knowledge.create(article("acme", "Scanner shows a blank page"), "agent");
		KnowledgeArticle draft = this.knowledge.draftFromResolution(null, "Scanner", null, "Restart it", "agent");

		// When / Then
		assertThatExceptionOfType(UnknownArticleException.class)
			.isThrownBy(() -> this.knowledge.recordSolved("globex", acme.number(), "bob", null))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(DomainException.Kind.NOT_FOUND));
		assertThatExceptionOfType(UnknownArticleException.class)
			.isThrownBy(() -> this.knowledge.recordSolved(null, draft.number(), "bob", null));
		assertThatExceptionOfType(UnknownArticleException.class)
			.isThrownBy(() -> this.knowledge.recordSolved("acme", "KB0000000", "bob", null));
		assertThat(reload(acme).helpfulCount()).isZero();
	}

	@Test
	void draftsAnInternalArticleFromAResolutionInItsLanguage() {
		// When
		KnowledgeArticle english = this.knowledge.draftFromResolution("acme", "Scanner shows a blank page",
				"The scanner in room 4 only scans blank pages.", "Cleaned the glass and it works again.", "agent");
		KnowledgeArticle indonesian = this.knowledge.draftFromResolution("acme", "Pemindai menghasilkan halaman kosong",
				"Pemindai di ruang 4 hanya menghasilkan halaman kosong.",
				"Kaca pemindai sudah dibersihkan dan sekarang bisa dipakai lagi.", "agent");

		// Then
		assertThat(english)
			.extracting(KnowledgeArticle::tenantId, KnowledgeArticle::kind, KnowledgeArticle::state,
					KnowledgeArticle::visibility, KnowledgeArticle::language, KnowledgeArticle::createdBy)
			.containsExactly("acme", ArticleKind.ARTICLE, ArticleState.DRAFT, ArticleVisibility.INTERNAL, "en",
					"agent");
		assertThat(indonesian.language()).isEqualTo("id");
		assertThat(this.knowledge.suggest("acme", "scanner blank", Audience.STAFF, 5)).isEmpty();
	}

	@Test
	void suggestsAPublishedDraftToStaffOnly() {
		// Given
		KnowledgeArticle draft = this.knowledge.draftFromResolution("acme", "Scanner shows a blank page", null,
				"Cleaned the glass.", "agent");

		// When
		KnowledgeArticle published = this.knowledge.publish("acme", draft.number());

		// Then
		assertThat(published.state()).isEqualTo(ArticleState.PUBLISHED);
		assertThat(published.version()).isEqualTo(draft.version() + 1);
		assertThat(this.knowledge.suggest("acme", "scanner blank", Audience.STAFF, 5))
			.extracting(KnowledgeSuggestion::articleNumber)
			.containsExactly(draft.number());
		assertThat(this.knowledge.suggest("acme", "scanner blank", Audience.CALLER, 5)).isEmpty();
	}

	@Test
	void publishesOnlyTheTenantsOwnArticles() {
		// Given
		KnowledgeArticle draft = this.knowledge.draftFromResolution("acme", "Scanner", null, "Restart it", "agent");

		// When / Then
		assertThatExceptionOfType(UnknownArticleException.class)
			.isThrownBy(() -> this.knowledge.publish("globex", draft.number()));
		assertThatExceptionOfType(UnknownArticleException.class)
			.isThrownBy(() -> this.knowledge.publish(null, draft.number()));
		assertThat(reload(draft).state()).isEqualTo(ArticleState.DRAFT);
	}

	private KnowledgeArticle reload(KnowledgeArticle article) {
		return this.articles.findByNumber(article.number()).orElseThrow();
	}

	private void insertAsAnotherNode(String number, String title, String updatedAt) {
		this.jdbc.sql("""
				insert into knowledge_article (number, kind, title, language, visibility, state, created_at, updated_at)
				values (:number, 'ARTICLE', :title, 'en', 'PUBLIC', 'PUBLISHED', %1$s, %1$s)
				""".formatted(updatedAt)).param("number", number).param("title", title).update();
	}

	private static NewArticle article(String tenantId, String title) {
		return new NewArticle(tenantId, ArticleKind.ARTICLE, title, null, null, List.of(), "en",
				ArticleVisibility.PUBLIC, ArticleState.PUBLISHED, null, null);
	}

	private long uses(KnowledgeArticle article) {
		return this.jdbc.sql("select count(*) from knowledge_usage where article_id = :id")
			.param("id", article.id())
			.query(Long.class)
			.single();
	}

}

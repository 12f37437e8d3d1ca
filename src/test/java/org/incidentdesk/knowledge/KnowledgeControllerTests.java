package org.incidentdesk.knowledge;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The HTTP API with the knowledge base mocked. Spring Security's default configuration is
 * on, as in the application until it has its own: users come from {@code @WithMockUser},
 * and requests that change something carry a CSRF token.
 */
@WebMvcTest(KnowledgeController.class)
@Import(TestKnowledgeAccess.class)
class KnowledgeControllerTests {

	private static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");

	@Autowired
	MockMvc mvc;

	@MockitoBean
	KnowledgeBase knowledge;

	@Test
	@WithMockUser("alice@acme")
	void suggestsArticlesForTheCallersTenant() throws Exception {
		// Given
		given(this.knowledge.suggest("acme", "printer jam", Audience.CALLER, 10, null))
			.willReturn(List.of(new KnowledgeSuggestion(7, "KB0001007", "Printer paper jam", "ARTICLE", 4.2f, "en",
					"Printer <mark>jam</mark>")));

		// When / Then
		this.mvc.perform(get("/api/v1/knowledge/search").param("q", "printer jam"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].articleNumber").value("KB0001007"))
			.andExpect(jsonPath("$[0].title").value("Printer paper jam"))
			.andExpect(jsonPath("$[0].kind").value("ARTICLE"))
			.andExpect(jsonPath("$[0].score").value(4.2));
	}

	@Test
	@WithMockUser(username = "sam@acme", roles = "STAFF")
	void searchesAsStaffForStaffWithTheLimitAsked() throws Exception {
		// Given
		given(this.knowledge.suggest("acme", "vpn", Audience.STAFF, 3, null)).willReturn(List.of());

		// When / Then
		this.mvc.perform(get("/api/v1/knowledge/search").param("q", "vpn").param("limit", "3"))
			.andExpect(status().isOk())
			.andExpect(content().json("[]"));
	}

	@Test
	@WithMockUser("alice@acme")
	void rejectsASearchWithoutTextOrWithATooLargeLimitAsProblem() throws Exception {
		// When / Then
		this.mvc.perform(get("/api/v1/knowledge/search").param("q", " "))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors").value(contains("q must not be blank")));
		this.mvc.perform(get("/api/v1/knowledge/search").param("q", "vpn").param("limit", "500"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("Please correct: limit must be less than or equal to 50"));
		then(this.knowledge).shouldHaveNoInteractions();
	}

	@Test
	@WithMockUser("alice@acme")
	void showsAnArticleWithoutStaffDetailsToACaller() throws Exception {
		// Given
		given(this.knowledge.find("acme", "KB0001007", Audience.CALLER)).willReturn(Optional.of(article()));

		// When / Then
		this.mvc.perform(get("/api/v1/knowledge/articles/KB0001007"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.number").value("KB0001007"))
			.andExpect(jsonPath("$.resolution").value("Pull the paper out."))
			.andExpect(jsonPath("$.tags[0]").value("printer"))
			.andExpect(jsonPath("$.createdBy").doesNotExist())
			.andExpect(jsonPath("$.problemRef").doesNotExist());
	}

	@Test
	@WithMockUser("alice@acme")
	void answersAnUnknownArticleWithNotFoundProblem() throws Exception {
		// Given
		given(this.knowledge.find("acme", "KB0009999", Audience.CALLER)).willReturn(Optional.empty());

		// When / Then
		this.mvc.perform(get("/api/v1/knowledge/articles/KB0009999"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(404))
			.andExpect(jsonPath("$.title").value("Unknown knowledge article"))
			.andExpect(jsonPath("$.detail", containsString("KB0009999")));
	}

	@Test
	@WithMockUser(username = "sam@acme", roles = "STAFF")
	void createsAnArticleForTheStaffMembersTenant() throws Exception {
		// Given
		NewArticle expected = new NewArticle("acme", ArticleKind.ARTICLE, "Printer paper jam", "It jams.",
				"Pull the paper out.", List.of("printer"), "en", ArticleVisibility.PUBLIC, ArticleState.PUBLISHED, null,
				null);
		given(this.knowledge.create(expected, "sam@acme")).willReturn(article());

		// When / Then
		this.mvc
			.perform(post("/api/v1/knowledge/articles").with(csrf()).contentType(MediaType.APPLICATION_JSON).content("""
					{"kind": "ARTICLE", "title": "Printer paper jam", "symptoms": "It jams.",
					 "resolution": "Pull the paper out.", "tags": ["printer"], "language": "en",
					 "visibility": "PUBLIC", "state": "PUBLISHED"}
					"""))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", "/api/v1/knowledge/articles/KB0001007"))
			.andExpect(jsonPath("$.number").value("KB0001007"))
			.andExpect(jsonPath("$.createdBy").value("sam@acme"));
	}

	@Test
	@WithMockUser(username = "sam@acme", roles = "STAFF")
	void rejectsAnInvalidArticleAsProblem() throws Exception {
		// When / Then
		this.mvc
			.perform(post("/api/v1/knowledge/articles").with(csrf()).contentType(MediaType.APPLICATION_JSON).content("""
					{"kind": "ARTICLE", "title": " ", "tags": ["printer,scanner"], "language": "fr",
					 "visibility": "PUBLIC", "state": "PUBLISHED"}
					"""))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(400))
			.andExpect(jsonPath("$.errors").value(containsInAnyOrder("language must be en or id",
					"tags[0] must not contain a comma", "title must not be blank")));
		then(this.knowledge).should(never()).create(any(), any());
	}

	@Test
	@WithMockUser(username = "sam@acme", roles = "STAFF")
	void rejectsAnUnknownKindAsProblem() throws Exception {
		// When / Then
		this.mvc
			.perform(post("/api/v1/knowledge/articles").with(csrf()).contentType(MediaType.APPLICATION_JSON).content("""
					{"kind": "RUMOUR", "title": "Printer", "language": "en", "visibility": "PUBLIC",
					 "state": "PUBLISHED"}
					"""))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	@WithMockUser("alice@acme")
	void letsOnlyStaffWriteArticles() throws Exception {
		// When / Then
		this.mvc
			.perform(post("/api/v1/knowledge/articles").with(csrf()).contentType(MediaType.APPLICATION_JSON).content("""
					{"kind": "ARTICLE", "title": "Printer", "language": "en", "visibility": "PUBLIC",
					 "state": "PUBLISHED"}
					"""))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		then(this.knowledge).should(never()).create(any(), any());
	}

	@Test
	@WithMockUser("alice@acme")
	void recordsThatAnArticleSolvedTheCallersProblem() throws Exception {
		// Given
		given(this.knowledge.isVisible("acme", "KB0001007", Audience.CALLER)).willReturn(true);

		// When / Then
		this.mvc
			.perform(post("/api/v1/knowledge/articles/KB0001007/solved").with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"incidentNumber": "INC0001001"}
						"""))
			.andExpect(status().isNoContent());
		then(this.knowledge).should().recordSolved("acme", "KB0001007", "alice@acme", "INC0001001");
	}

	@Test
	@WithMockUser("alice@acme")
	void recordsThatAnArticleSolvedAProblemWithoutAnIncident() throws Exception {
		// Given
		given(this.knowledge.isVisible("acme", "KB0001007", Audience.CALLER)).willReturn(true);

		// When / Then
		this.mvc.perform(post("/api/v1/knowledge/articles/KB0001007/solved").with(csrf()))
			.andExpect(status().isNoContent());
		then(this.knowledge).should().recordSolved("acme", "KB0001007", "alice@acme", null);
	}

	@Test
	@WithMockUser("alice@acme")
	void refusesSolvedFeedbackForAnArticleTheCallerCannotSee() throws Exception {
		// Given
		given(this.knowledge.isVisible("acme", "KB0001008", Audience.CALLER)).willReturn(false);

		// When / Then
		this.mvc.perform(post("/api/v1/knowledge/articles/KB0001008/solved").with(csrf()))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		then(this.knowledge).should(never()).recordSolved(any(), any(), any(), any());
	}

	@Test
	@WithMockUser(username = "sam@acme", roles = "STAFF")
	void publishesADraft() throws Exception {
		// Given
		given(this.knowledge.publish("acme", "KB0001007")).willReturn(article());

		// When / Then
		this.mvc.perform(post("/api/v1/knowledge/articles/KB0001007/publish").with(csrf()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("PUBLISHED"));
	}

	@Test
	@WithMockUser(username = "sam@acme", roles = "STAFF")
	void answersAConcurrentChangeWithConflictProblem() throws Exception {
		// Given
		given(this.knowledge.publish("acme", "KB0001007")).willThrow(
				new OptimisticLockingFailureException("Knowledge article KB0001007 was changed by somebody else"));

		// When / Then
		this.mvc.perform(post("/api/v1/knowledge/articles/KB0001007/publish").with(csrf()))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString("changed by somebody else")));
	}

	@Test
	void turnsAwayAnonymousUsers() throws Exception {
		// When / Then
		this.mvc.perform(get("/api/v1/knowledge/search").param("q", "vpn")).andExpect(status().isUnauthorized());
		then(this.knowledge).shouldHaveNoInteractions();
	}

	private static KnowledgeArticle article() {
		return new KnowledgeArticle(7, "KB0001007", "acme", ArticleKind.ARTICLE, "Printer paper jam", "It jams.",
				"Pull the paper out.", List.of("printer"), "en", ArticleVisibility.PUBLIC, ArticleState.PUBLISHED,
				"PRB0000001", null, 3, 1, "sam@acme", NOW, NOW, 0);
	}

}

package org.incidentdesk.knowledge;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.server.ResponseStatusException;

/**
 * The knowledge base over HTTP. Who the user is, which tenant they belong to and whether
 * they read as a caller or as staff comes from {@link KnowledgeAccess}.
 */
@RestController
@RequestMapping("/api/v1/knowledge")
@Tag(name = "Knowledge", description = "Search the knowledge base, read and write articles, and say what helped")
class KnowledgeController {

	private final KnowledgeBase knowledge;

	private final KnowledgeAccess access;

	KnowledgeController(KnowledgeBase knowledge, KnowledgeAccess access) {
		this.knowledge = knowledge;
		this.access = access;
	}

	@GetMapping("/search")
	@Operation(summary = "Suggest articles for a problem described in English or Bahasa Indonesia, best first",
			description = "Words stand for their synonyms too (surel finds e-mail). The articles in the reader's "
					+ "language come first: lang (en or id), else the first of them in Accept-Language, else "
					+ "the best matches whatever their language. Each result has a snippet: HTML, the article's "
					+ "text escaped and the matching words in <mark>.")
	List<KnowledgeSuggestion> search(@RequestParam @NotBlank @Size(max = 4000) String q,
			@RequestParam(defaultValue = "10") @Min(1) @Max(KnowledgeBase.MAX_LIMIT) int limit,
			@Parameter(description = "The reader's language, en or id") @RequestParam(required = false) @Pattern(
					regexp = "en|id", message = "must be en or id") String lang,
			@RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
			Principal principal) {
		return this.knowledge.suggest(this.access.tenantOf(principal), q, this.access.audienceOf(principal), limit,
				(lang != null) ? lang : ReaderLanguage.of(acceptLanguage));
	}

	@GetMapping("/articles")
	@Operation(summary = "List articles matching a query, or the most recently changed ones without one")
	List<ArticleResponse> articles(@RequestParam(required = false) @Size(max = 4000) String q,
			@RequestParam(defaultValue = "10") @Min(1) @Max(KnowledgeBase.MAX_LIMIT) int limit, Principal principal) {
		Audience audience = this.access.audienceOf(principal);
		return this.knowledge.search(this.access.tenantOf(principal), q, audience, limit)
			.stream()
			.map((article) -> ArticleResponse.of(article, audience))
			.toList();
	}

	@GetMapping("/articles/{number}")
	@Operation(summary = "Read an article")
	ArticleResponse article(@PathVariable String number, Principal principal) {
		Audience audience = this.access.audienceOf(principal);
		return this.knowledge.find(this.access.tenantOf(principal), number, audience)
			.map((article) -> ArticleResponse.of(article, audience))
			.orElseThrow(() -> new UnknownArticleException(number));
	}

	@PostMapping("/articles")
	@Operation(summary = "Write an article for your tenant (staff only; provider staff write provider-wide ones)")
	ResponseEntity<ArticleResponse> create(@Valid @RequestBody ArticleRequest request, Principal principal) {
		requireStaff(principal);
		KnowledgeArticle article = this.knowledge.create(request.toNewArticle(this.access.tenantOf(principal)),
				principal.getName());
		return ResponseEntity.created(URI.create("/api/v1/knowledge/articles/" + article.number()))
			.body(ArticleResponse.of(article, Audience.STAFF));
	}

	@PostMapping("/articles/{number}/publish")
	@Operation(summary = "Publish a draft article of your tenant (staff only)")
	ArticleResponse publish(@PathVariable String number, Principal principal) {
		requireStaff(principal);
		return ArticleResponse.of(this.knowledge.publish(this.access.tenantOf(principal), number), Audience.STAFF);
	}

	@PostMapping("/articles/{number}/solved")
	@Operation(summary = "Say that an article solved your problem, perhaps for an incident you raised")
	ResponseEntity<Void> solved(@PathVariable String number,
			@Valid @RequestBody(required = false) SolvedRequest request, Principal principal) {
		String tenantId = this.access.tenantOf(principal);
		// A caller may only vouch for an article they can read.
		if (!this.knowledge.isVisible(tenantId, number, this.access.audienceOf(principal))) {
			throw new UnknownArticleException(number);
		}
		this.knowledge.recordSolved(tenantId, number, principal.getName(),
				(request != null) ? request.incidentNumber() : null);
		return ResponseEntity.noContent().build();
	}

	/**
	 * Says which fields are wrong and why, rather than only that the request was invalid.
	 */
	@ExceptionHandler(MethodArgumentNotValidException.class)
	ProblemDetail invalidBody(MethodArgumentNotValidException ex) {
		List<String> errors = ex.getFieldErrors()
			.stream()
			.map((error) -> error.getField() + " " + error.getDefaultMessage())
			.sorted()
			.toList();
		return invalid(ex.getBody(), errors);
	}

	@ExceptionHandler(HandlerMethodValidationException.class)
	ProblemDetail invalidParameters(HandlerMethodValidationException ex) {
		List<String> errors = ex.getParameterValidationResults()
			.stream()
			.flatMap((result) -> result.getResolvableErrors()
				.stream()
				.map((error) -> result.getMethodParameter().getParameterName() + " " + error.getDefaultMessage()))
			.sorted()
			.toList();
		return invalid(ex.getBody(), errors);
	}

	private static ProblemDetail invalid(ProblemDetail problem, List<String> errors) {
		problem.setTitle("Invalid request");
		problem.setDetail("Please correct: " + String.join("; ", errors));
		problem.setProperty("errors", errors);
		return problem;
	}

	@ExceptionHandler(OptimisticLockingFailureException.class)
	ProblemDetail changedMeanwhile(OptimisticLockingFailureException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
		problem.setTitle("Article changed meanwhile");
		return problem;
	}

	private void requireStaff(Principal principal) {
		if (this.access.audienceOf(principal) != Audience.STAFF) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN,
					"Only service desk staff can write knowledge articles");
		}
	}

	record ArticleRequest(@NotNull ArticleKind kind, @NotBlank @Size(max = 200) String title,
			@Size(max = 4000) String symptoms, @Size(max = 8000) String resolution,
			@Size(max = 10) List<@NotBlank @Size(max = 40) @Pattern(regexp = "[^,]*",
					message = "must not contain a comma") String> tags,
			@NotNull @Pattern(regexp = "en|id", message = "must be en or id") String language,
			@NotNull ArticleVisibility visibility, @NotNull ArticleState state, @Size(max = 32) String problemRef,
			@Size(max = 4000) String workaround) {

		NewArticle toNewArticle(@Nullable String tenantId) {
			return new NewArticle(tenantId, this.kind, this.title, this.symptoms, this.resolution,
					(this.tags != null) ? this.tags : List.of(), this.language, this.visibility, this.state,
					this.problemRef, this.workaround);
		}

	}

	record SolvedRequest(@Pattern(regexp = "[A-Z]{2,4}\\d{4,10}",
			message = "must be an incident number such as INC0001001") String incidentNumber) {
	}

	/**
	 * An article as a reader sees it: callers do not see who wrote it, the problem record
	 * behind it or how it is doing.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ArticleResponse(String number, ArticleKind kind, String title, String symptoms, String resolution,
			List<String> tags, String language, String workaround, Instant updatedAt, String tenantId,
			ArticleVisibility visibility, ArticleState state, String problemRef, Integer usageCount,
			Integer helpfulCount, String createdBy, Instant createdAt, Integer version) {

		static ArticleResponse of(KnowledgeArticle a, Audience audience) {
			if (audience == Audience.CALLER) {
				return new ArticleResponse(a.number(), a.kind(), a.title(), a.symptoms(), a.resolution(), a.tags(),
						a.language(), a.workaround(), a.updatedAt(), null, null, null, null, null, null, null, null,
						null);
			}
			return new ArticleResponse(a.number(), a.kind(), a.title(), a.symptoms(), a.resolution(), a.tags(),
					a.language(), a.workaround(), a.updatedAt(), a.tenantId(), a.visibility(), a.state(),
					a.problemRef(), a.usageCount(), a.helpfulCount(), a.createdBy(), a.createdAt(), a.version());
		}

	}

}

package org.incidentdesk.portal;

import java.util.List;

import org.incidentdesk.knowledge.KnowledgeAccess;
import org.incidentdesk.knowledge.KnowledgeArticle;
import org.incidentdesk.knowledge.KnowledgeBase;
import org.incidentdesk.knowledge.ReaderLanguage;
import org.incidentdesk.knowledge.UnknownArticleException;
import org.incidentdesk.system.CurrentUser;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * Self-service: callers search the knowledge base, read articles and say which one solved
 * their problem. They read as the API's callers do ({@link KnowledgeAccess}): published
 * public articles of their organisation and provider-wide ones.
 */
@Controller
class KnowledgePages {

	static final int MAX_QUERY = 200;

	private static final int RESULTS = 20;

	private static final int SUGGESTIONS = 5;

	private final KnowledgeBase knowledge;

	private final KnowledgeAccess access;

	KnowledgePages(KnowledgeBase knowledge, KnowledgeAccess access) {
		this.knowledge = knowledge;
		this.access = access;
	}

	@GetMapping("/portal/knowledge")
	String search(@RequestParam(required = false) String q, @AuthenticationPrincipal CurrentUser user, Model model) {
		String query = (q != null) ? q.strip() : "";
		model.addAttribute("q", query);
		if (query.length() > MAX_QUERY) {
			model.addAttribute("error", "knowledge.queryTooLong");
			model.addAttribute("results", List.of());
			return "portal/knowledge";
		}
		// The reader's language is the portal's: chosen, else the browser's.
		model.addAttribute("results", this.knowledge.searchWithSnippets(this.access.tenantOf(user), query,
				this.access.audienceOf(user), RESULTS, ReaderLanguage.of(LocaleContextHolder.getLocale())));
		return "portal/knowledge";
	}

	@GetMapping("/portal/knowledge/{number}")
	String article(@PathVariable String number, @AuthenticationPrincipal CurrentUser user, Model model) {
		KnowledgeArticle article = this.knowledge.find(this.access.tenantOf(user), number, this.access.audienceOf(user))
			.orElseThrow(() -> new UnknownArticleException(number));
		model.addAttribute("article", article);
		return "portal/article";
	}

	/**
	 * Suggestions while the caller types a summary. Reads without counting a use: a
	 * caller typing a sentence would otherwise "use" every article a dozen times.
	 */
	@GetMapping(path = "/portal/knowledge/suggestions", produces = "application/json")
	@ResponseBody
	List<PortalSuggestion> suggestions(@RequestParam(required = false) String q,
			@AuthenticationPrincipal CurrentUser user) {
		String query = (q != null) ? q.strip() : "";
		if (query.length() < 3 || query.length() > MAX_QUERY) {
			return List.of();
		}
		return this.knowledge.search(this.access.tenantOf(user), query, this.access.audienceOf(user), SUGGESTIONS)
			.stream()
			.map(article -> new PortalSuggestion(article.number(), article.title()))
			.toList();
	}

	/**
	 * "This solved my problem": a deflection, recorded like the API's, and no incident is
	 * opened.
	 */
	@PostMapping("/portal/knowledge/{number}/solved")
	String solved(@PathVariable String number, @AuthenticationPrincipal CurrentUser user, RedirectAttributes redirect) {
		String tenantId = this.access.tenantOf(user);
		// A caller may only vouch for an article they can read; reading it here counts
		// as a use, which it was.
		if (this.knowledge.find(tenantId, number, this.access.audienceOf(user)).isEmpty()) {
			throw new UnknownArticleException(number);
		}
		this.knowledge.recordSolved(tenantId, number, user.id(), null);
		redirect.addFlashAttribute("solved", number);
		return "redirect:/portal/knowledge/" + UriUtils.encodePathSegment(number, "UTF-8");
	}

	/** An article suggested for a summary being typed. */
	record PortalSuggestion(String number, String title) {
	}

}

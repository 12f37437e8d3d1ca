package org.incidentdesk.notification;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IllegalIncidentStateException;
import org.incidentdesk.notification.ResolutionLinks.Checked;
import org.incidentdesk.notification.ResolutionLinks.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The page behind the confirm and reject links of a resolution mail. The GET only shows
 * the question (mail scanners fetch links before the caller does); the POST answers it,
 * once. The page is in the caller's mail language; a link that opens nothing answers with
 * a page saying why and 404 (unknown) or 410 (used, expired, superseded, already
 * answered).
 */
@Controller
@RequestMapping(ResolutionLinks.PATH + "{token}")
class ResolutionLinkController {

	static final String CONFIRM = "confirm";

	static final String REJECT = "reject";

	private static final int MAX_REASON = 4000;

	private static final List<String> TEXTS = List.of("title", "number", "summary", "resolution", "question", "confirm",
			"reject", "reason", "reason-required", "confirmed", "rejected", "refused.title");

	private static final Logger log = LoggerFactory.getLogger(ResolutionLinkController.class);

	private final ResolutionLinks links;

	private final MailRecipients recipients;

	private final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();

	ResolutionLinkController(ResolutionLinks links, MailRecipients recipients) {
		this.links = links;
		this.recipients = recipients;
		this.messages.setBasename("mail/messages");
		this.messages.setDefaultEncoding("UTF-8");
		this.messages.setFallbackToSystemLocale(false);
	}

	@GetMapping
	String show(@PathVariable String token, @RequestParam(name = "answer", required = false) String answer,
			Locale requestLocale, Model model, HttpServletResponse response) {
		Checked checked = this.links.check(token);
		if (!checked.usable()) {
			return refused(checked.refusal(), checked.incident(), requestLocale, model, response);
		}
		return question(checked.incident(), REJECT.equals(answer) ? REJECT : CONFIRM, null, model);
	}

	@PostMapping
	String answer(@PathVariable String token, @RequestParam(name = "answer", required = false) String answer,
			@RequestParam(name = "reason", required = false) String reason, Locale requestLocale, Model model,
			HttpServletResponse response) {
		Checked checked = this.links.check(token);
		if (!checked.usable()) {
			return refused(checked.refusal(), checked.incident(), requestLocale, model, response);
		}
		Incident incident = checked.incident();
		boolean accepted = CONFIRM.equals(answer);
		if (!accepted && !REJECT.equals(answer)) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return question(incident, CONFIRM, "question", model);
		}
		String why = (reason != null) ? reason.strip() : "";
		if (!accepted && (why.isEmpty() || why.length() > MAX_REASON)) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return question(incident, REJECT, "reason-required", model);
		}
		Refusal refusal;
		try {
			refusal = this.links.answer(token, accepted, why);
		}
		catch (IllegalIncidentStateException ex) {
			// The process moved on between the check and the answer (auto-close,
			// the portal).
			refusal = Refusal.ANSWERED;
		}
		if (refusal != null) {
			return refused(refusal, incident, requestLocale, model, response);
		}
		Locale locale = localeOf(incident);
		texts(model, incident, locale);
		model.addAttribute("message", text(accepted ? "confirmed" : "rejected", incident, locale));
		return "links/answered";
	}

	/** Nothing else may leave this page as a problem detail or a stack trace. */
	@ExceptionHandler(Exception.class)
	String failed(Exception ex, Locale requestLocale, Model model, HttpServletResponse response) {
		log.error("Resolution link failed", ex);
		response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		Locale locale = MailRecipients.locale(requestLocale.getLanguage());
		texts(model, null, locale);
		model.addAttribute("reason", text("refused.failed", null, locale));
		return "links/refused";
	}

	private String question(Incident incident, String answer, String error, Model model) {
		Locale locale = localeOf(incident);
		texts(model, incident, locale);
		model.addAttribute("incident", incident);
		model.addAttribute("answer", answer);
		model.addAttribute("error", (error != null) ? text(error, incident, locale) : null);
		return "links/resolution";
	}

	private String refused(Refusal refusal, Incident incident, Locale requestLocale, Model model,
			HttpServletResponse response) {
		// An unknown token has no caller to take the language from; the browser's then.
		Locale locale = (incident != null) ? localeOf(incident) : MailRecipients.locale(requestLocale.getLanguage());
		response.setStatus(refusal.status());
		texts(model, incident, locale);
		model.addAttribute("reason", text("refused." + refusal.name().toLowerCase(Locale.ROOT), incident, locale));
		return "links/refused";
	}

	private Locale localeOf(Incident incident) {
		return this.recipients.user(incident.callerId()).map(MailRecipient::locale).orElse(Locale.ENGLISH);
	}

	private void texts(Model model, Incident incident, Locale locale) {
		Map<String, String> texts = new LinkedHashMap<>();
		TEXTS.forEach(key -> texts.put(key, text(key, incident, locale)));
		model.addAttribute("t", texts);
		model.addAttribute("lang", locale.getLanguage());
	}

	/**
	 * The number is the only message argument, never user text: MessageFormat would
	 * misread braces and apostrophes in a summary.
	 */
	private String text(String key, Incident incident, Locale locale) {
		return this.messages.getMessage("link." + key, new Object[] { (incident != null) ? incident.number() : "" },
				locale);
	}

}

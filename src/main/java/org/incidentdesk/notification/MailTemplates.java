package org.incidentdesk.notification;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.incidentdesk.incident.Incident;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders notification mails from the plain-text templates
 * {@code templates/mail/<kind>.txt}, in the recipient's language with the texts of
 * {@code mail/messages*.properties}. The first line a template renders is the subject,
 * the rest the body.
 * <p>
 * Text mode on purpose: the mail is {@code text/plain}, so an incident summary such as
 * {@code <script>} arrives as the literal text it is, and user text is only ever a
 * variable's value, never part of a template, so it is not interpreted. The templates
 * write values with {@code [(...)]}, because in text mode {@code [[...]]} escapes for
 * HTML and a plain-text reader would see {@code &lt;}. For the same reason user text is
 * never a message argument: Thymeleaf escapes those. The engine is private to this class
 * rather than the application's HTML engine.
 */
@Component
class MailTemplates {

	private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

	private final SpringTemplateEngine engine = new SpringTemplateEngine();

	MailTemplates() {
		ClassLoaderTemplateResolver templates = new ClassLoaderTemplateResolver();
		templates.setPrefix("templates/mail/");
		templates.setSuffix(".txt");
		templates.setTemplateMode(TemplateMode.TEXT);
		templates.setCharacterEncoding("UTF-8");
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("mail/messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		this.engine.setTemplateResolver(templates);
		this.engine.setTemplateEngineMessageSource(messages);
	}

	RenderedMail render(NotificationKind kind, Incident incident, String recipientName, Locale locale) {
		return render(kind, incident, recipientName, locale, MailDetails.NONE);
	}

	RenderedMail render(NotificationKind kind, Incident incident, String recipientName, Locale locale,
			MailDetails details) {
		Context context = new Context(locale);
		context.setVariable("message", (details.message() != null) ? details.message() : "");
		context.setVariable("repliesAccepted", details.repliesAccepted());
		context.setVariable("confirmLink", (details.links() != null) ? details.links().confirmUrl() : null);
		context.setVariable("rejectLink", (details.links() != null) ? details.links().rejectUrl() : null);
		context.setVariable("linksExpireAt", (details.links() != null)
				? DUE.format(details.links().expiresAt().atZoneSameInstant(ZoneOffset.UTC)) : "");
		context.setVariable("name", recipientName);
		context.setVariable("number", incident.number());
		context.setVariable("summary", incident.summary());
		context.setVariable("subjectSummary", oneLine(incident.summary()));
		context.setVariable("state", "state." + incident.state().name());
		context.setVariable("priority", (incident.priority() != null) ? incident.priority() : "-");
		context.setVariable("group", (incident.assignmentGroup() != null) ? incident.assignmentGroup() : "-");
		context.setVariable("resolutionDue", (incident.resolutionDueAt() != null)
				? DUE.format(incident.resolutionDueAt().atZoneSameInstant(ZoneOffset.UTC)) : "-");
		context.setVariable("resolutionNotes", (incident.resolutionNotes() != null) ? incident.resolutionNotes() : "");
		context.setVariable("reopenCount", incident.reopenCount());
		String text = this.engine.process(templateName(kind), context);
		int endOfSubject = text.indexOf('\n');
		if (endOfSubject < 0) {
			throw new IllegalStateException("Mail template " + templateName(kind) + " has no body");
		}
		return new RenderedMail(oneLine(text.substring(0, endOfSubject)),
				text.substring(endOfSubject + 1).strip() + "\n");
	}

	static String templateName(NotificationKind kind) {
		return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/** Line breaks in a subject would end the header; user text may contain them. */
	private static String oneLine(String text) {
		return text.replaceAll("[\\r\\n\\t]+", " ").strip();
	}

}

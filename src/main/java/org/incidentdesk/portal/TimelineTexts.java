package org.incidentdesk.portal;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.incidentdesk.attachment.Attachment;
import org.incidentdesk.incident.Activity;
import org.incidentdesk.incident.ActivityKind;
import org.incidentdesk.system.CurrentActor;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Says the timeline entries that the service writes in English in the reader's language.
 * The stored entry, its hash and what the API returns stay as they are: the service's
 * words are the audit trail; only the page translates them.
 * <p>
 * An entry is taken for the service's own only where its structure says so: the field it
 * records (the resolution code, the reopen count, the state at creation) or, for an
 * upload, an attachment of the incident by the same author with that name. A comment a
 * person wrote is never mistaken for one, so it is always shown as written. Entries the
 * service writes as free text (hold, resume, cancellation, the caller's question) are
 * shown as stored.
 * <p>
 * Entries are credited to whoever acted, except what the service decides itself: entries
 * of its own account, and the priority and due date that its rules set (when a caller
 * reports, the classification runs in the caller's request, so the entry carries the
 * caller's name). The page shows those as the service's.
 */
@Component
class TimelineTexts {

	private static final String RESOLVED = "Resolved (";

	private static final String REJECTED = "The caller rejected the resolution: ";

	private static final String REPORTED = "Incident reported through ";

	private static final String ATTACHMENT_ADDED = "Attachment added: ";

	/** Fields whose values are codes with a label of their own ({field}.{value}). */
	private static final Set<String> CODED_FIELDS = Set.of("state", "holdReason", "closureCode");

	/** Fields whose bare changes the service's rules make, whoever's request ran them. */
	private static final Set<String> SERVICE_FIELDS = Set.of("priority", "resolutionDueAt");

	private final MessageSource messages;

	private final PortalFormat format = new PortalFormat();

	TimelineTexts(MessageSource messages) {
		this.messages = messages;
	}

	/**
	 * The customer-visible timeline as the page shows it, due dates in the given zone
	 * (the organisation's calendar), named.
	 */
	List<Line> lines(List<Activity> timeline, List<Attachment> attachments, Locale locale, ZoneId zone) {
		return timeline.stream().map(entry -> line(entry, attachments, locale, zone)).toList();
	}

	private Line line(Activity entry, List<Attachment> attachments, Locale locale, ZoneId zone) {
		String body = entry.body();
		if (body == null) {
			return (entry.field() != null) ? new Line(entry, change(entry, locale, zone), false, byService(entry))
					: new Line(entry, null, true, byService(entry));
		}
		if ("resolutionCode".equals(entry.field()) && entry.newValue() != null
				&& body.startsWith(RESOLVED + entry.newValue() + "): ")) {
			return written(entry, text("timeline.resolved", locale, value("resolutionCode", entry.newValue(), locale),
					body.substring((RESOLVED + entry.newValue() + "): ").length())));
		}
		if ("reopenCount".equals(entry.field()) && body.startsWith(REJECTED)) {
			return written(entry, text("timeline.rejected", locale, body.substring(REJECTED.length())));
		}
		if ("state".equals(entry.field()) && entry.oldValue() == null && body.startsWith(REPORTED)
				&& body.endsWith(".")) {
			String channel = body.substring(REPORTED.length(), body.length() - 1);
			return written(entry,
					text("timeline.reported", locale, value("channel", channel.toUpperCase(Locale.ROOT), locale)));
		}
		if (entry.kind() == ActivityKind.COMMENT && entry.field() == null && body.startsWith(ATTACHMENT_ADDED)) {
			for (Attachment attachment : attachments) {
				if (attachment.uploadedBy().equals(entry.author())
						&& body.startsWith(ATTACHMENT_ADDED + attachment.fileName() + " (") && body.endsWith(").")) {
					return written(entry, text("timeline.attachment", locale, attachment.fileName(),
							this.format.size(attachment.sizeBytes())));
				}
			}
		}
		return written(entry, body);
	}

	/** A changed field: its label, and its values as labels or times where they are. */
	private String change(Activity entry, Locale locale, ZoneId zone) {
		String label = this.messages.getMessage("timeline.field." + entry.field(), null, entry.field(), locale);
		String after = value(entry.field(), entry.newValue(), locale, zone);
		if (entry.oldValue() == null) {
			return text("timeline.set", locale, label, after);
		}
		return text("timeline.change", locale, label, value(entry.field(), entry.oldValue(), locale, zone), after);
	}

	private String value(String field, String value, Locale locale) {
		return value(field, value, locale, ZoneOffset.UTC);
	}

	private String value(String field, String value, Locale locale, ZoneId zone) {
		if (value == null) {
			return "–";
		}
		if (CODED_FIELDS.contains(field) || "resolutionCode".equals(field) || "channel".equals(field)) {
			return this.messages.getMessage(field + "." + value, null, value, locale);
		}
		if (field.endsWith("At")) {
			try {
				OffsetDateTime time = OffsetDateTime.parse(value);
				return field.endsWith("DueAt") ? this.format.time(time, zone) : this.format.time(time);
			}
			catch (DateTimeParseException ex) {
				return value;
			}
		}
		return value;
	}

	/**
	 * A message with the entry's own words as arguments: MessageFormat reads only the
	 * pattern, never an argument, so braces and quotes in them stay as written.
	 */
	private String text(String key, Locale locale, Object... arguments) {
		return this.messages.getMessage(key, arguments, locale);
	}

	private static Line written(Activity entry, String text) {
		return new Line(entry, text, true, byService(entry));
	}

	private static boolean byService(Activity entry) {
		return CurrentActor.SYSTEM.equals(entry.author()) || (entry.kind() == ActivityKind.FIELD_CHANGE
				&& entry.body() == null && SERVICE_FIELDS.contains(entry.field()));
	}

	/**
	 * One entry as the page shows it.
	 *
	 * @param text what it says, in the reader's language where the service wrote it
	 * @param written whether the text is written prose (kept with its line breaks) rather
	 * than a field change
	 * @param byService whether the service made the entry rather than a person
	 */
	record Line(Activity entry, String text, boolean written, boolean byService) {
	}

}

package org.incidentdesk.mailin;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * An inbound mail, read into what Incident Desk needs of it. The text is plain text: the
 * text/plain part, or the text of the HTML part with every tag removed, so nothing of it
 * is markup any more (pages and mails that show it escape it again).
 *
 * @param messageId the Message-ID, or a digest of sender, date and subject for a mail
 * without one
 * @param sender the From address, lower case
 * @param automatic whether a machine sent it (auto-replies, bounces, lists): such mail is
 * never answered and never taken in
 */
record InboundMessage(String messageId, String sender, String subject, String text, boolean automatic) {

	/** The length of inbound_mail_message.message_id. */
	static final int MAX_MESSAGE_ID = 998;

	/** Incident numbers as {@code IncidentRecords} makes them, e.g. INC0000042. */
	private static final Pattern NUMBER = Pattern.compile("\\b(INC\\d{7})\\b");

	private static final Pattern REPLY_PREFIX = Pattern
		.compile("^((re|fw|fwd|aw|wg|balas|bls|tr|sv)\\s*(\\[\\d+\\])?\\s*:\\s*)+", Pattern.CASE_INSENSITIVE);

	/** Where the quoted original of a reply starts, in the usual mail programs. */
	private static final Pattern QUOTE_START = Pattern.compile(
			"^(>.*|On .+ wrote:\\s*|Pada .+ menulis:\\s*|-{2,}\\s*Original Message\\s*-{2,}|_{10,}|From: .+)$",
			Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

	private static final Set<String> MACHINE_SENDERS = Set.of("mailer-daemon", "postmaster", "noreply", "no-reply");

	static InboundMessage read(MimeMessage mail) throws MessagingException, IOException {
		Address[] from = mail.getFrom();
		if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress address)
				|| address.getAddress() == null) {
			throw new MessagingException("The message has no sender address");
		}
		String sender = address.getAddress().strip().toLowerCase(Locale.ROOT);
		String subject = (mail.getSubject() != null) ? mail.getSubject().replaceAll("[\\r\\n\\t]+", " ").strip() : "";
		String messageId = mail.getMessageID();
		if (messageId == null || messageId.isBlank()) {
			messageId = "<digest-" + DigestUtils.sha256Hex(sender + "|" + mail.getSentDate() + "|" + subject) + ">";
		}
		String text = text(mail);
		messageId = messageId.strip();
		if (messageId.length() > MAX_MESSAGE_ID) {
			// A folded header can be longer than the column; its digest still tells
			// it apart.
			messageId = "<digest-" + DigestUtils.sha256Hex(messageId) + ">";
		}
		return new InboundMessage(messageId, sender, subject, (text != null) ? text.strip() : "",
				automatic(mail, sender));
	}

	/** The incident number the subject carries, if any. */
	String incidentNumber() {
		Matcher matcher = NUMBER.matcher(this.subject);
		return matcher.find() ? matcher.group(1) : null;
	}

	/** The subject without "Re:", "Fwd:" and the like, for a summary. */
	String cleanSubject() {
		return REPLY_PREFIX.matcher(this.subject).replaceFirst("").strip();
	}

	/**
	 * The text without the quoted original below a reply, or all of it when nothing is
	 * left without the quote.
	 */
	String replyText() {
		Matcher matcher = QUOTE_START.matcher(this.text);
		if (matcher.find()) {
			String reply = this.text.substring(0, matcher.start()).strip();
			if (!reply.isEmpty()) {
				return reply;
			}
		}
		return this.text;
	}

	private static boolean automatic(MimeMessage mail, String sender) throws MessagingException {
		String autoSubmitted = header(mail, "Auto-Submitted");
		String precedence = header(mail, "Precedence");
		String localPart = sender.substring(0, Math.max(0, sender.indexOf('@')));
		return (autoSubmitted != null && !autoSubmitted.equalsIgnoreCase("no"))
				|| (precedence != null && Set.of("bulk", "list", "junk").contains(precedence.toLowerCase(Locale.ROOT)))
				|| header(mail, "X-Autoreply") != null || header(mail, "X-Autorespond") != null
				|| header(mail, "List-Id") != null || "<>".equals(header(mail, "Return-Path"))
				|| MACHINE_SENDERS.contains(localPart);
	}

	private static String header(MimeMessage mail, String name) throws MessagingException {
		String value = mail.getHeader(name, ",");
		return (value != null) ? value.strip() : null;
	}

	/** The first text/plain part, else the first HTML part as text. */
	private static String text(Part part) throws MessagingException, IOException {
		String plain = find(part, "text/plain");
		if (plain != null) {
			return plain;
		}
		String html = find(part, "text/html");
		return (html != null) ? htmlToText(html) : null;
	}

	private static String find(Part part, String type) throws MessagingException, IOException {
		if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
			return null;
		}
		if (part.isMimeType(type)) {
			Object content = part.getContent();
			return (content instanceof String text) ? text : null;
		}
		if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				String found = find(multipart.getBodyPart(i), type);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	static String htmlToText(String html) {
		String text = html.replaceAll("(?is)<(script|style|head)[^>]*>.*?</\\1\\s*>", " ")
			.replaceAll("(?i)<br\\s*/?>|</p\\s*>|</div\\s*>|</li\\s*>|</tr\\s*>", "\n")
			.replaceAll("(?s)<!--.*?-->", "")
			.replaceAll("(?s)<[^>]*>", "");
		text = text.replace("&nbsp;", " ")
			.replace("&lt;", "<")
			.replace("&gt;", ">")
			.replace("&quot;", "\"")
			.replace("&#39;", "'")
			.replace("&amp;", "&");
		return text.replaceAll("[ \\t]+", " ").replaceAll(" ?\\n ?", "\n").replaceAll("\\n{3,}", "\n\n").strip();
	}

}

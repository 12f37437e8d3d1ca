package org.incidentdesk.notification;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Answers inbound mail that is refused. The reply goes out at once, not through the
 * outbox, because there is no incident to hang it on; the inbound side sends it in the
 * transaction that records the message, so a reply that fails leaves the message to be
 * read again. Replies are in English and Bahasa Indonesia both (an unknown sender has no
 * language on file) and carry {@code Auto-Submitted: auto-replied} so that no mail loop
 * starts (RFC 3834).
 */
@Component
public class MailReplies {

	private static final Logger log = LoggerFactory.getLogger(MailReplies.class);

	private final ObjectProvider<JavaMailSender> mailer;

	private final MailSettings settings;

	private final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();

	MailReplies(ObjectProvider<JavaMailSender> mailer, MailSettings settings) {
		this.mailer = mailer;
		this.settings = settings;
		this.messages.setBasename("mail/messages");
		this.messages.setDefaultEncoding("UTF-8");
		this.messages.setFallbackToSystemLocale(false);
	}

	/**
	 * Whether the address is one that our own mail comes from or is answered at, so that
	 * mail from it is never answered.
	 */
	public boolean isOwnAddress(String address) {
		return address != null && (address.equalsIgnoreCase(addressOf(this.settings.from()))
				|| address.equalsIgnoreCase(addressOf(this.settings.replyTo())));
	}

	/**
	 * Sends the refusal. Without a mail server ({@code spring.mail.host}) nothing is sent
	 * and the refusal is only logged.
	 * @throws IllegalStateException if the mail server refuses the reply
	 */
	public void refuse(String to, String originalSubject, String originalMessageId, ReplyReason reason) {
		JavaMailSender sender = this.mailer.getIfAvailable();
		if (sender == null) {
			log.warn("Not replying to {} ({}): no mail server is configured", to, reason);
			return;
		}
		try {
			MimeMessage message = sender.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
			helper.setFrom(new InternetAddress(this.settings.from(), true));
			helper.setTo(new InternetAddress(to, true));
			String subject = (originalSubject != null) ? originalSubject.replaceAll("[\\r\\n\\t]+", " ").strip() : "";
			helper.setSubject(subject.regionMatches(true, 0, "Re:", 0, 3) ? subject : "Re: " + subject);
			helper.setText(body(reason, to), false);
			message.setHeader("Auto-Submitted", "auto-replied");
			if (originalMessageId != null) {
				message.setHeader("In-Reply-To", originalMessageId);
				message.setHeader("References", originalMessageId);
			}
			sender.send(message);
		}
		catch (MessagingException | UnsupportedEncodingException | RuntimeException ex) {
			throw new IllegalStateException("Could not reply to " + to + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * The address is the only argument: it was checked as an address, while a subject
	 * could break MessageFormat.
	 */
	private String body(ReplyReason reason, String to) throws UnsupportedEncodingException {
		String key = "reply." + reason.name().toLowerCase(Locale.ROOT).replace('_', '-');
		Object[] args = { to };
		return this.messages.getMessage(key, args, Locale.ENGLISH) + "\n\n"
				+ this.messages.getMessage("reply.signature", null, Locale.ENGLISH) + "\n\n-----\n\n"
				+ this.messages.getMessage(key, args, MailRecipients.INDONESIAN) + "\n\n"
				+ this.messages.getMessage("reply.signature", null, MailRecipients.INDONESIAN) + "\n";
	}

	private static String addressOf(String address) {
		if (address == null) {
			return null;
		}
		try {
			return new InternetAddress(address, false).getAddress();
		}
		catch (AddressException ex) {
			return address;
		}
	}

}

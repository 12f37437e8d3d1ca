package org.incidentdesk.mailin;

import java.io.IOException;
import java.util.Properties;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;
import org.incidentdesk.incident.InvalidIncidentException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reads the inbound mailbox on the scheduler's thread: every message not yet marked
 * {@code \Seen} is handled ({@link InboundMailHandler}) and then marked. Messages are
 * fetched with IMAP's PEEK, so reading one does not mark it; only a handled one is. A
 * node that stops in between leaves the message unmarked, and the next run finds it
 * handled already (its Message-ID is recorded) and only marks it.
 * <p>
 * A message that cannot be read (too big, broken encoding, no sender) or that the intake
 * refuses is marked {@code \Seen} and {@code \Flagged} for a person to look at and
 * logged; a failure of our own (the database) leaves it for the next run. Either way the
 * run goes on with the other messages.
 * <p>
 * Every node polls the mailbox; no lock decides which. The primary key on the Message-ID,
 * inserted first in the handling transaction, lets one node take a message in (one
 * incident, one reply): a second node reading it at the same time waits for that insert,
 * fails on the key and only marks the message (README "More than one node",
 * {@code TwoNodesTests}).
 * <p>
 * Active only when {@code incident-desk.inbound-mail.host} is set.
 */
@Component
@ConditionalOnProperty("incident-desk.inbound-mail.host")
class MailboxPoller {

	private static final Logger log = LoggerFactory.getLogger(MailboxPoller.class);

	private final InboundMailSettings settings;

	private final InboundMailHandler handler;

	MailboxPoller(InboundMailSettings settings, InboundMailHandler handler) {
		this.settings = settings;
		this.handler = handler;
	}

	/**
	 * Reads the mailbox once.
	 * @return how many messages were handled (taken in, refused or ignored) in this run
	 */
	@Scheduled(fixedDelayString = "${incident-desk.inbound-mail.poll-interval:PT1M}",
			initialDelayString = "${incident-desk.inbound-mail.poll-interval:PT1M}")
	public int poll() {
		String protocol = this.settings.protocol();
		Properties properties = new Properties();
		properties.setProperty("mail." + protocol + ".peek", "true");
		// A hanging mail server must not hold the scheduler thread.
		properties.setProperty("mail." + protocol + ".connectiontimeout", "10000");
		properties.setProperty("mail." + protocol + ".timeout", "30000");
		Session session = Session.getInstance(properties);
		int handled = 0;
		try (Store store = session.getStore(protocol)) {
			store.connect(this.settings.host(), this.settings.portOrDefault(), this.settings.username(),
					this.settings.password());
			Folder folder = store.getFolder(this.settings.folder());
			folder.open(Folder.READ_WRITE);
			try {
				for (Message message : folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))) {
					if (take(message)) {
						handled++;
					}
				}
			}
			finally {
				folder.close(false);
			}
		}
		catch (MessagingException ex) {
			log.warn("Could not read the inbound mailbox {} at {}: {}", this.settings.folder(), this.settings.host(),
					ex.getMessage());
		}
		return handled;
	}

	private boolean take(Message message) {
		InboundMessage read;
		try {
			long limit = this.settings.maxMessageSize().toBytes();
			if (message.getSize() > limit) {
				throw new MessagingException("The message has " + message.getSize() + " bytes; at most " + limit
						+ " are read (incident-desk.inbound-mail.max-message-size)");
			}
			read = InboundMessage.read((MimeMessage) message);
		}
		catch (MessagingException | IOException | RuntimeException ex) {
			setAside(message, ex);
			return false;
		}
		try {
			this.handler.handle(read);
		}
		catch (DuplicateKeyException ex) {
			log.info("Inbound mail {} was handled before; marking it read", read.messageId());
		}
		catch (InvalidIncidentException ex) {
			setAside(message, ex);
			return false;
		}
		catch (RuntimeException ex) {
			log.error("Could not handle inbound mail {}; it is read again next time", read.messageId(), ex);
			return false;
		}
		mark(message, Flags.Flag.SEEN);
		return true;
	}

	private void setAside(Message message, Exception why) {
		log.warn("Setting inbound mail {} aside (read and flagged): {}", describe(message), why.getMessage());
		mark(message, Flags.Flag.SEEN);
		mark(message, Flags.Flag.FLAGGED);
	}

	private static void mark(Message message, Flags.Flag flag) {
		try {
			message.setFlag(flag, true);
		}
		catch (MessagingException ex) {
			// The message is read again next time and then found handled.
			log.warn("Could not mark inbound mail {} {}: {}", describe(message), flag, ex.getMessage());
		}
	}

	private static String describe(Message message) {
		try {
			String id = (message instanceof MimeMessage mime) ? mime.getMessageID() : null;
			return (id != null) ? id : "#" + message.getMessageNumber();
		}
		catch (MessagingException ex) {
			return "#" + message.getMessageNumber();
		}
	}

}

package org.incidentdesk.notification;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the notification outbox is delivered by mail ({@code incident-desk.mail}). The mail
 * server itself is Spring Boot's {@code spring.mail}; without {@code spring.mail.host}
 * nothing is sent.
 *
 * @param from sender address of every mail
 * @param pollInterval pause between two delivery runs
 * @param maxAttempts failed attempts after which a notification is given up (status
 * FAILED)
 * @param initialBackoff wait after the first failure; it doubles with every further
 * failure
 * @param maxBackoff the longest wait between two attempts
 * @param batchSize notifications claimed at a time
 * @param lease how long a claimed notification is kept from other nodes while it is being
 * sent
 * @param replyTo the address replies should go to (the inbound mailbox), or {@code null}
 * if replies reach nobody; with it, mails carry a Reply-To header and invite replies
 */
@ConfigurationProperties("incident-desk.mail")
record MailSettings(@DefaultValue("Incident Desk <noreply@incidentdesk.example>") String from,
		@DefaultValue("PT5S") Duration pollInterval, @DefaultValue("8") int maxAttempts,
		@DefaultValue("PT1M") Duration initialBackoff, @DefaultValue("PT4H") Duration maxBackoff,
		@DefaultValue("50") int batchSize, @DefaultValue("PT5M") Duration lease, String replyTo) {

	MailSettings {
		if (maxAttempts < 1 || batchSize < 1) {
			throw new IllegalArgumentException("incident-desk.mail.max-attempts and batch-size must be at least 1");
		}
		replyTo = (replyTo == null || replyTo.isBlank()) ? null : replyTo.strip();
	}

	boolean repliesAccepted() {
		return this.replyTo != null;
	}

	/**
	 * The wait after the given number of failed attempts: initial, twice that, four
	 * times...
	 */
	Duration backoffAfter(int failedAttempts) {
		Duration wait = this.initialBackoff;
		for (int i = 1; i < failedAttempts && wait.compareTo(this.maxBackoff) < 0; i++) {
			wait = wait.multipliedBy(2);
		}
		return (wait.compareTo(this.maxBackoff) > 0) ? this.maxBackoff : wait;
	}

}

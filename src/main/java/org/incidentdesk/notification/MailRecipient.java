package org.incidentdesk.notification;

import java.util.Locale;

/**
 * A user as a mail recipient.
 *
 * @param email the address, or {@code null} if the user has none
 * @param locale the language the user reads mail in
 */
record MailRecipient(String userId, String name, String email, Locale locale) {

	boolean hasAddress() {
		return this.email != null && !this.email.isBlank();
	}

}

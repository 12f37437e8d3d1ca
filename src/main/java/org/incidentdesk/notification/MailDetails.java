package org.incidentdesk.notification;

/**
 * What a mail says beyond the incident itself.
 *
 * @param message the text the notification carries (a comment, a question), or
 * {@code null}
 * @param links the confirm and reject links of a resolution mail, or {@code null}
 * @param repliesAccepted whether a reply to the mail reaches the inbound mailbox, so the
 * mail may invite one
 */
record MailDetails(String message, ResolutionLinks.Issued links, boolean repliesAccepted) {

	static final MailDetails NONE = new MailDetails(null, null, false);

}

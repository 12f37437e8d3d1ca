/**
 * Inbound mail: a mailbox read over IMAP ({@code incident-desk.inbound-mail}, off unless
 * a host is set). A new mail from a known caller opens an incident on channel EMAIL, a
 * reply whose subject carries an incident number becomes the caller's comment on it, mail
 * from unknown senders is refused with a reply, and mail sent by machines is ignored.
 * Each message is recorded by Message-ID with what it caused, so none is taken in twice.
 * See {@link org.incidentdesk.mailin.InboundMailHandler} and
 * {@link org.incidentdesk.mailin.MailboxPoller}.
 */
package org.incidentdesk.mailin;

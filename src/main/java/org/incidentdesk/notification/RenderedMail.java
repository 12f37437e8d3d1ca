package org.incidentdesk.notification;

/** A mail ready to send: one subject line and a plain-text body. */
record RenderedMail(String subject, String body) {

}

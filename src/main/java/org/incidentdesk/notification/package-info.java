/**
 * Notifications: an outbox written in the same transaction as the change that causes it
 * ({@link org.incidentdesk.notification.Notifications}), delivered by mail afterwards.
 * <ul>
 * <li>Mail is sent only when {@code spring.mail.host} is set; without it notifications
 * stay PENDING and nothing else changes (the tests run so, apart from the GreenMail
 * ones).</li>
 * <li>A user's mail language is the Camunda user info entry {@code locale}: {@code id}
 * for Bahasa Indonesia, {@code en} or nothing for English. Set it in Camunda Admin or
 * with {@code IdentityService.setUserInfo(userId, "locale", "id")}.</li>
 * <li>A group notification goes to each member separately, in the member's language;
 * members without an e-mail address are skipped with the note "no address".</li>
 * <li>Delivery, back-off, and what FAILED means:
 * {@link org.incidentdesk.notification.MailDelivery}; failed notifications are listed and
 * retried through {@code /api/v1/notifications}.</li>
 * <li>The resolution mail carries one-time confirm and reject links
 * ({@link org.incidentdesk.notification.ResolutionLinks}); the page behind them is
 * {@code /links/resolution/{token}}, open without signing in
 * ({@link org.incidentdesk.notification.LinkSecurityConfig}).</li>
 * <li>Refusals of inbound mail go out at once through
 * {@link org.incidentdesk.notification.MailReplies}, not through the outbox.</li>
 * </ul>
 */
package org.incidentdesk.notification;

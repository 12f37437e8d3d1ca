/**
 * The SLA settings that are not per priority, which administrators change at runtime: how
 * long a resolved incident waits for the caller before it closes itself, how long a
 * question to the caller waits for the reply, and which hold reasons pause the SLA clock;
 * globally, and per tenant where a customer's contract differs.
 * <ul>
 * <li>{@link org.incidentdesk.slapolicy.SlaPolicy} (bean {@code slaPolicy}) answers them
 * for a tenant: to the timers of the process model and to the other modules.</li>
 * <li>{@link org.incidentdesk.slapolicy.SlaSettingsStore} keeps them: versioned, every
 * change audited, read through a cache checked against the stored versions, so a change
 * counts at once on every node. The API and the portal's pages change them through it,
 * with {@link org.incidentdesk.slapolicy.SlaSettingsRequest} checking what was sent.</li>
 * <li>{@link org.incidentdesk.slapolicy.KnownHoldReasons} is the one thing this module
 * needs from {@code incident}, which provides it, so that {@code incident} can use this
 * module without a cycle.</li>
 * </ul>
 * The administrators' API is {@code /api/v1/admin/sla/settings}; docs/sla-settings.md
 * describes it.
 */
package org.incidentdesk.slapolicy;

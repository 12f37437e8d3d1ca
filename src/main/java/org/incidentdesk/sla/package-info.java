/**
 * Business time: each customer organisation's business calendar (time zone, working hours
 * per weekday, dated holidays) and the one SLA clock that adds and measures business time
 * with it.
 * <ul>
 * <li>{@link org.incidentdesk.sla.BusinessCalendar} is the value: pure, valid once
 * constructed, and usable without Spring.</li>
 * <li>{@link org.incidentdesk.sla.SlaClock} adds business time to an instant and measures
 * it between two, for a tenant (its stored calendar, else the default) or for a given
 * calendar.</li>
 * <li>{@link org.incidentdesk.sla.BusinessCalendars} keeps the calendars: versioned, each
 * change audited, reads cached and checked against the stored version.</li>
 * </ul>
 * The administrators' API is {@code /api/v1/admin/tenants/{id}/calendar}; docs/sla.md
 * describes it, the default calendar and the cache.
 */
package org.incidentdesk.sla;

package org.incidentdesk.report;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The figures of a period, per customer organisation the reader may see.
 *
 * @param from the start of the period (inclusive)
 * @param to the end of the period (exclusive)
 */
record IncidentReport(OffsetDateTime from, OffsetDateTime to, List<TenantFigures> tenants) {

}

/**
 * Management information: per customer organisation, how many incidents came in and
 * through which channel (the paper's "measured service"), how they were resolved, and how
 * the SLAs held. For incident managers and service delivery managers over the tenants
 * they serve, for auditors and administrators over all.
 */
package org.incidentdesk.report;

package org.incidentdesk.audit.internal;

/**
 * The stored seal of an incident's chain: how many entries it had and which was the
 * newest, when the last entry was written.
 */
record TimelineSeal(long entries, long lastActivityId, String lastHash, String scheme, String seal) {

}

package org.incidentdesk.cmdb;

/**
 * What a bulk import did.
 *
 * @param created items that were new
 * @param updated existing items the import changed
 * @param unchanged existing items that already were as the import described them
 */
public record ImportResult(int created, int updated, int unchanged) {

}

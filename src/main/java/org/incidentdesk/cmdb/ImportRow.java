package org.incidentdesk.cmdb;

/**
 * One configuration item of a bulk import, as the file wrote it: nothing is checked yet,
 * so that the whole file can be checked at once and every mistake reported with its line.
 *
 * @param line the line in the file, for error messages
 * @param parent the name of the parent item, in the same import or already in the CMDB;
 * blank for none
 */
public record ImportRow(int line, String name, String type, String location, String remotelyServiceable,
		String parent) {

}

package org.incidentdesk.cmdb;

/**
 * The new state of what may change about a configuration item. The name and tenant stay.
 *
 * @param location where it is, or {@code null} for nowhere in particular
 * @param parentId the item it runs on or belongs to, of the same tenant, or {@code null}
 * for none
 */
public record ConfigurationItemChange(CiType type, String location, boolean remotelyServiceable, Long parentId) {

}

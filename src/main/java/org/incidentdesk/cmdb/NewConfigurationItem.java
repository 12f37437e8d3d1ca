package org.incidentdesk.cmdb;

/** A configuration item to register. */
public record NewConfigurationItem(String tenantId, String name, CiType type, String location,
		boolean remotelyServiceable, Long parentId) {

}

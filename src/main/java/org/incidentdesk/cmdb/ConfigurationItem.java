package org.incidentdesk.cmdb;

import java.time.OffsetDateTime;

/**
 * A configuration item of one customer organisation.
 *
 * @param remotelyServiceable whether support can fix it remotely; when not, the service
 * desk sends the on-site technicians by default
 * @param parentId the item this one runs on or belongs to (a service on a server), if any
 */
public record ConfigurationItem(long id, String tenantId, String name, CiType type, String location,
		boolean remotelyServiceable, Long parentId, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

}

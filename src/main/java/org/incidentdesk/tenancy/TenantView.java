package org.incidentdesk.tenancy;

import java.util.List;

/**
 * A customer organisation as administrators see it.
 *
 * @param technicianGroup the group of the organisation's own on-site technicians
 * @param servedBy the provider groups that serve it
 * @param callers how many callers it has
 */
record TenantView(String id, String name, String technicianGroup, List<String> servedBy, long callers) {

}

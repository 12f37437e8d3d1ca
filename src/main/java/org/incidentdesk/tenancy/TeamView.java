package org.incidentdesk.tenancy;

import java.util.List;

/** A provider group and the tenants it serves. */
record TeamView(String id, String name, List<String> tenants, long members) {

}

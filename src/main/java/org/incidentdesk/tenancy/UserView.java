package org.incidentdesk.tenancy;

import java.util.List;

/** A user as administrators see it; never with a password. */
record UserView(String id, String firstName, String lastName, String email, List<String> groups, List<String> tenants) {

}

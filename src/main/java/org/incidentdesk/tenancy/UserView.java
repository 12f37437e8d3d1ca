package org.incidentdesk.tenancy;

import java.util.List;

import org.incidentdesk.system.SignInLocks.SignInLock;

/**
 * A user as administrators see it; never with a password.
 *
 * @param lock the user's failed sign-ins and whether they lock the account now
 */
record UserView(String id, String firstName, String lastName, String email, List<String> groups, List<String> tenants,
		SignInLock lock) {

}

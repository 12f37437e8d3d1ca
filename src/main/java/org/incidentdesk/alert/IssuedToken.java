package org.incidentdesk.alert;

/**
 * A token just created. This is the only time the secret exists outside the client: only
 * its hash is stored.
 */
record IssuedToken(long id, String token) {

}

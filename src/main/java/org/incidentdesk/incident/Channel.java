package org.incidentdesk.incident;

/** How an incident reached the service desk. */
public enum Channel {

	PORTAL, EMAIL, PHONE, MONITORING, API

}

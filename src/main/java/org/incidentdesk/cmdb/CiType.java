package org.incidentdesk.cmdb;

/** The kinds of configuration item the CMDB holds. */
public enum CiType {

	HARDWARE, SOFTWARE, NETWORK, SERVICE

}

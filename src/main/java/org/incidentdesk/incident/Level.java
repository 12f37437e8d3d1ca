package org.incidentdesk.incident;

/** Impact and urgency, the two inputs of the priority matrix. */
public enum Level {

	HIGH, MEDIUM, LOW

}

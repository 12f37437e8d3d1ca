package org.incidentdesk.incident;

/**
 * A knowledge article or known error suggested for an incident, as it was when suggested.
 */
public record Suggestion(long articleId, String articleNumber, String title, String kind, float score) {

}

package org.incidentdesk.knowledge.internal;

/**
 * An article the index found, with its relevance for the query that found it.
 */
public record IndexHit(long articleId, float score) {
}

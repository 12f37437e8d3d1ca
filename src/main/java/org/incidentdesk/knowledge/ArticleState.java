package org.incidentdesk.knowledge;

/**
 * Drafts are never suggested or shown; only published articles are.
 */
public enum ArticleState {

	DRAFT, PUBLISHED

}

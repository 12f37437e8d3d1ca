package org.incidentdesk.knowledge;

/**
 * What a knowledge article is: a how-to or solution, or a known error, a problem whose
 * root cause is known and that has a workaround until it is fixed.
 */
public enum ArticleKind {

	ARTICLE, KNOWN_ERROR

}

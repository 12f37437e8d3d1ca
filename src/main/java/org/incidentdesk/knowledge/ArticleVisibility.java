package org.incidentdesk.knowledge;

/**
 * Whether callers may read an article ({@code PUBLIC}) or only service desk staff
 * ({@code INTERNAL}).
 */
public enum ArticleVisibility {

	PUBLIC, INTERNAL

}

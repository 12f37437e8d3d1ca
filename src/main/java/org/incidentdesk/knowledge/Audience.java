package org.incidentdesk.knowledge;

/**
 * Who is reading the knowledge base. Only published articles are ever shown; callers see
 * the public ones, service desk staff also see the internal ones.
 */
public enum Audience {

	CALLER, STAFF;

	boolean mayRead(ArticleVisibility visibility) {
		return this == STAFF || visibility == ArticleVisibility.PUBLIC;
	}

}

package org.incidentdesk.knowledge;

import org.incidentdesk.system.DomainException;

/**
 * There is no article with that number that the user may see. Whether it does not exist
 * or belongs to someone else is deliberately not told apart. Leaves the API as a 404
 * problem detail.
 */
public class UnknownArticleException extends DomainException {

	public UnknownArticleException(String number) {
		super(Kind.NOT_FOUND, "Unknown knowledge article",
				"There is no knowledge article " + number + " that you can see. Check the number.");
	}

}

package org.incidentdesk.incident;

import java.util.List;

/**
 * One page of an incident list.
 *
 * @param page the page number, from 0
 * @param totalItems how many incidents match, counted up to 1,000: the pages a list
 * reaches
 * @param totalItemsExact false when more than 1,000 match; a narrower filter counts them
 */
record IncidentPage(List<IncidentView> items, int page, int size, long totalItems, boolean totalItemsExact,
		long totalPages) {

	static IncidentPage of(List<IncidentView> items, int page, int size, long totalItems, boolean exact) {
		return new IncidentPage(items, page, size, totalItems, exact, (totalItems + size - 1) / size);
	}

}

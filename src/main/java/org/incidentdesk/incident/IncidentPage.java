package org.incidentdesk.incident;

import java.util.List;

/**
 * One page of an incident list.
 *
 * @param page the page number, from 0
 * @param totalItems how many incidents match in all
 */
record IncidentPage(List<IncidentView> items, int page, int size, long totalItems, long totalPages) {

	static IncidentPage of(List<IncidentView> items, int page, int size, long totalItems) {
		return new IncidentPage(items, page, size, totalItems, (totalItems + size - 1) / size);
	}

}

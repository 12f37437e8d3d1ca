package org.incidentdesk.incident;

import java.util.List;

import org.incidentdesk.system.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pages of the incidents a user may see, newest first, for pages outside the API (the
 * portal's "my incidents"). The same search and visibility rules as
 * {@code GET /api/v1/incidents}.
 */
@Service
@Transactional(readOnly = true)
public class IncidentLists {

	private final IncidentRecords records;

	IncidentLists(IncidentRecords records) {
		this.records = records;
	}

	public Page visibleTo(CurrentUser user, int page, int size) {
		// Deeper pages than the list's window show its last page.
		int reachable = Math.min(Math.max(page, 0), IncidentFilter.WINDOW / size - 1);
		IncidentFilter filter = new IncidentFilter(IncidentFilter.Scope.of(user), null, null, null, null, null, null,
				null, null, null, null, null, IncidentSort.DEFAULT, reachable, size);
		IncidentRecords.Found found = this.records.search(filter);
		return new Page(found.items(), filter.page(), size, found.total());
	}

	/**
	 * One page of incidents.
	 *
	 * @param page the page number, from 0
	 * @param total how many incidents there are in all
	 */
	public record Page(List<Incident> items, int page, int size, long total) {

		public Page {
			items = List.copyOf(items);
		}

		public long totalPages() {
			return (this.total + this.size - 1) / this.size;
		}

		public boolean hasPrevious() {
			return this.page > 0;
		}

		public boolean hasNext() {
			return this.page + 1 < totalPages();
		}

	}

}

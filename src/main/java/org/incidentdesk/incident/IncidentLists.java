package org.incidentdesk.incident;

import java.util.List;
import java.util.Set;

import org.incidentdesk.system.CurrentUser;
import org.springframework.lang.Nullable;
import org.incidentdesk.system.EngineClock;
import org.incidentdesk.system.RefusedRequestException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pages of the incidents a user may see, newest first, for pages outside the API (the
 * portal's "my incidents", the staff list). The same search and visibility rules as
 * {@code GET /api/v1/incidents}.
 */
@Service
@Transactional(readOnly = true)
public class IncidentLists {

	private final IncidentRecords records;

	private final EngineClock clock;

	IncidentLists(IncidentRecords records, EngineClock clock) {
		this.records = records;
		this.clock = clock;
	}

	/**
	 * A page of the staff list: the incidents the user may see (as
	 * {@code GET /api/v1/incidents}) that match the search, newest first; the SLA risk is
	 * judged at the engine's time.
	 * @throws RefusedRequestException for a text of more words than a search takes
	 */
	public Page search(CurrentUser user, StaffSearch search, int page, int size) {
		if (search.text() != null && IncidentTerms.words(search.text()).size() > IncidentTerms.MAX_SEARCH_WORDS) {
			throw RefusedRequestException.invalid("Too many words",
					"The search has " + IncidentTerms.words(search.text()).size() + " words; it takes at most "
							+ IncidentTerms.MAX_SEARCH_WORDS + ". Leave out the least telling ones.");
		}
		int reachable = Math.min(Math.max(page, 0), IncidentFilter.WINDOW / size - 1);
		IncidentFilter filter = new IncidentFilter(IncidentFilter.Scope.of(user), search.states(), search.priorities(),
				search.tenantId(), search.assignmentGroup(), null, null, null, null, search.text(), null, null,
				IncidentSort.DEFAULT, reachable, size, search.slaRisk(), this.clock.nowUtc());
		IncidentRecords.Found found = this.records.search(filter);
		return new Page(found.items(), filter.page(), size, found.total());
	}

	/** The most words a search of a list takes (as {@code q} of the API). */
	public static final int MAX_SEARCH_WORDS = IncidentTerms.MAX_SEARCH_WORDS;

	public Page visibleTo(CurrentUser user, int page, int size) {
		return visibleTo(user, Set.of(), null, page, size);
	}

	/**
	 * A page of the incidents the user may see in one of the states (all of them when
	 * none is given) that match the text as {@code q} of the API does: each word the
	 * start of a word of the number, summary or description.
	 * @throws IllegalArgumentException if the text has more than
	 * {@value #MAX_SEARCH_WORDS} words ({@link #words})
	 */
	public Page visibleTo(CurrentUser user, Set<IncidentState> states, @Nullable String text, int page, int size) {
		if (text != null && words(text) > MAX_SEARCH_WORDS) {
			throw new IllegalArgumentException("A search takes at most " + MAX_SEARCH_WORDS + " words");
		}
		// Deeper pages than the list's window show its last page.
		int reachable = Math.min(Math.max(page, 0), IncidentFilter.WINDOW / size - 1);
		IncidentFilter filter = new IncidentFilter(IncidentFilter.Scope.of(user), states, null, null, null, null, null,
				null, null, (text == null || text.isBlank()) ? null : text.strip(), null, null, IncidentSort.DEFAULT,
				reachable, size);
		IncidentRecords.Found found = this.records.search(filter);
		return new Page(found.items(), filter.page(), size, found.total());
	}

	/** How many words a search text has, as the list counts them. */
	public static int words(String text) {
		return IncidentTerms.words(text).size();
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

	/**
	 * What the staff list filters by; every part optional.
	 *
	 * @param text words, each the start of a word of the number, summary or description
	 * (at most eight)
	 */
	public record StaffSearch(Set<IncidentState> states, Set<String> priorities, String tenantId,
			String assignmentGroup, SlaRisk slaRisk, String text) {

		public StaffSearch {
			states = (states != null) ? Set.copyOf(states) : Set.of();
			priorities = (priorities != null) ? Set.copyOf(priorities) : Set.of();
			tenantId = blankToNull(tenantId);
			assignmentGroup = blankToNull(assignmentGroup);
			text = blankToNull(text);
		}

		private static String blankToNull(String value) {
			return (value == null || value.isBlank()) ? null : value.strip();
		}

	}

}

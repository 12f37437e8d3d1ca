package org.incidentdesk.incident;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import org.incidentdesk.system.CurrentUser;
import org.incidentdesk.tenancy.AccessPolicy;

/**
 * A checked incident search: what to match, what the searching user may see at all, the
 * order and the page. Every field is optional except scope, sort and paging.
 *
 * @param text words, each matched case-insensitively as the start of a word of number,
 * summary or description ({@link IncidentTerms})
 * @param slaRisk only open incidents whose SLA is at risk, or incidents whose SLA is
 * breached, judged at {@code now} (the engine's time)
 */
record IncidentFilter(Scope scope, Set<IncidentState> states, Set<String> priorities, String tenantId,
		String assignmentGroup, String assignee, String callerId, String category, Boolean major, String text,
		OffsetDateTime createdFrom, OffsetDateTime createdTo, List<IncidentSort.Order> sort, int page, int size,
		SlaRisk slaRisk, OffsetDateTime now) {

	IncidentFilter {
		states = (states != null) ? Set.copyOf(states) : Set.of();
		priorities = (priorities != null) ? Set.copyOf(priorities) : Set.of();
		sort = (sort != null && !sort.isEmpty()) ? List.copyOf(sort) : IncidentSort.DEFAULT;
		if (slaRisk != null && now == null) {
			throw new IllegalArgumentException("An SLA risk filter needs the time it is judged at.");
		}
	}

	/** A search without the SLA risk filter. */
	IncidentFilter(Scope scope, Set<IncidentState> states, Set<String> priorities, String tenantId,
			String assignmentGroup, String assignee, String callerId, String category, Boolean major, String text,
			OffsetDateTime createdFrom, OffsetDateTime createdTo, List<IncidentSort.Order> sort, int page, int size) {
		this(scope, states, priorities, tenantId, assignmentGroup, assignee, callerId, category, major, text,
				createdFrom, createdTo, sort, page, size, null, null);
	}

	/**
	 * How far into a list paging reaches: the first 1,000 incidents of any order, as far
	 * as GitHub's search goes. Deeper pages would make the database step over every row
	 * before them, and an exact total would make it read every matching row, at a million
	 * incidents on every request (a text search matches one row in many, so even counting
	 * 10,000 matches read 120,000 rows, issue 10's benchmark). A narrower filter or the
	 * other sort direction reaches the rest. The same window bounds how far a list's
	 * total is counted.
	 */
	static final int WINDOW = 1_000;

	long offset() {
		return (long) this.page * this.size;
	}

	/** Whether the page lies inside the {@link #WINDOW}. */
	boolean inWindow() {
		return offset() + this.size <= WINDOW;
	}

	/**
	 * Which incidents a user may see at all, as {@link AccessPolicy#maySeeIncident}
	 * decides for one incident: everything, the caller's own, or those of the tenants the
	 * user serves.
	 */
	record Scope(boolean all, String callerId, List<String> tenants) {

		Scope {
			tenants = (tenants != null) ? List.copyOf(tenants) : List.of();
		}

		static Scope of(CurrentUser user) {
			if (AccessPolicy.seesAll(user)) {
				return new Scope(true, null, List.of());
			}
			if (user.isCaller() && !AccessPolicy.seesOrganisation(user)) {
				return new Scope(false, user.id(), List.of());
			}
			return new Scope(false, null, user.tenants());
		}

	}

}

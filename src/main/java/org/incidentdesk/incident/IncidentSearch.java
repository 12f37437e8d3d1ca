package org.incidentdesk.incident;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.incidentdesk.system.CurrentUser;
import org.incidentdesk.system.RefusedRequestException;

/**
 * The query parameters of {@code GET /api/v1/incidents}. Lists may be given as repeated
 * parameters or comma separated ({@code state=NEW,IN_PROGRESS}).
 *
 * @param q words to find, ignoring case: an incident matches when each word is the start
 * of a word of its number, summary or description ({@link IncidentTerms})
 * @param sort {@code field[,asc|desc]}, repeatable; see {@link IncidentSort}
 */
record IncidentSearch(@Parameter(description = "States to list; repeat or comma separate") List<IncidentState> state,
		@Parameter(description = "Priorities to list, P1 to P5; repeat or comma separate") List<@Pattern(
				regexp = "P[1-5]", message = "must be P1, P2, P3, P4 or P5") String> priority,
		@Parameter(description = "A tenant's incidents only") @Size(max = 64) String tenantId,
		@Parameter(description = "Staff only: the group working on it") @Size(max = 64) String assignmentGroup,
		@Parameter(description = "Staff only: the agent working on it") @Size(max = 64) String assignee,
		@Parameter(description = "The caller's user id") @Size(max = 64) String callerId,
		@Parameter(description = "hardware, software, network, access, email or other") @Pattern(
				regexp = IncidentIntake.CATEGORY_PATTERN,
				message = "must be one of hardware, software, network, access, email, other") String category,
		@Parameter(description = "Staff only: major incidents (true) or the others (false)") Boolean major,
		@Parameter(description = "Up to 8 words, each the start of a word of the number, summary or description") @Size(
				max = 200) String q,
		@Parameter(description = "Reported at or after (ISO 8601, e.g. 2026-01-31T00:00:00Z)") Instant createdFrom,
		@Parameter(description = "Reported before (ISO 8601)") Instant createdTo,
		@Parameter(description = "field[,asc|desc]; createdAt, updatedAt, priority, state, number or resolutionDueAt",
				schema = @Schema(type = "string", defaultValue = "createdAt,desc")) @Size(
						max = 6) List<@Size(max = 40) String> sort,
		@Parameter(description = "Page, from 0",
				schema = @Schema(type = "integer", defaultValue = "0",
						minimum = "0")) @Min(0) @Max(1_000_000) Integer page,
		@Parameter(description = "Incidents per page, 1 to 100", schema = @Schema(type = "integer", defaultValue = "20",
				minimum = "1", maximum = "100")) @Min(1) @Max(100) Integer size) {

	static final int DEFAULT_SIZE = 20;

	/** Every parameter the list understands; anything else is most likely a typo. */
	static final Set<String> PARAMETERS = Set.of("state", "priority", "tenantId", "assignmentGroup", "assignee",
			"callerId", "category", "major", "q", "createdFrom", "createdTo", "sort", "page", "size");

	/** Filters that show what callers do not see on their incidents. */
	private static final List<String> STAFF_FILTERS = List.of("assignmentGroup", "assignee", "major");

	IncidentFilter toFilter(CurrentUser user) {
		if (user.isCaller()) {
			List<String> used = new ArrayList<>();
			if (this.assignmentGroup != null) {
				used.add("assignmentGroup");
			}
			if (this.assignee != null) {
				used.add("assignee");
			}
			if (this.major != null) {
				used.add("major");
			}
			if (!used.isEmpty()) {
				throw RefusedRequestException.notAllowed("Filter not allowed", "Callers cannot filter by "
						+ String.join(", ", used) + "; only staff filter by " + String.join(", ", STAFF_FILTERS) + ".");
			}
		}
		int pageSize = (this.size != null) ? this.size : DEFAULT_SIZE;
		if (this.page != null && (long) (this.page + 1) * pageSize > IncidentFilter.WINDOW) {
			throw RefusedRequestException.invalid("Page out of reach",
					"Page " + this.page + " of size " + pageSize + " lies beyond the first " + IncidentFilter.WINDOW
							+ " incidents of the list, which is as far as paging goes."
							+ " Narrow the filter (for example with createdFrom and createdTo) or reverse the sort.");
		}
		if (this.q != null && IncidentTerms.words(this.q).size() > IncidentTerms.MAX_SEARCH_WORDS) {
			throw RefusedRequestException.invalid("Too many words",
					"q has " + IncidentTerms.words(this.q).size() + " words; a search takes at most "
							+ IncidentTerms.MAX_SEARCH_WORDS + ". Leave out the least telling ones.");
		}
		if (this.createdFrom != null && this.createdTo != null && !this.createdFrom.isBefore(this.createdTo)) {
			throw RefusedRequestException.invalid("Invalid request",
					"createdFrom (" + this.createdFrom + ") must be before createdTo (" + this.createdTo + ").");
		}
		return new IncidentFilter(IncidentFilter.Scope.of(user), setOf(this.state), setOf(this.priority),
				blankToNull(this.tenantId), blankToNull(this.assignmentGroup), blankToNull(this.assignee),
				blankToNull(this.callerId), blankToNull(this.category), this.major, blankToNull(this.q),
				(this.createdFrom != null) ? this.createdFrom.atOffset(ZoneOffset.UTC) : null,
				(this.createdTo != null) ? this.createdTo.atOffset(ZoneOffset.UTC) : null,
				IncidentSort.parse(this.sort), (this.page != null) ? this.page : 0, pageSize);
	}

	private static <T> Set<T> setOf(List<T> values) {
		Set<T> set = new LinkedHashSet<>();
		if (values != null) {
			values.stream().filter(value -> value != null).forEach(set::add);
		}
		return set;
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}

package org.incidentdesk.sla;

import java.util.List;

import org.incidentdesk.system.DomainException;

/**
 * A business calendar that cannot be: an unknown time zone, a working span that is not
 * {@code HH:MM-HH:MM}, ends before it starts or overlaps another, a holiday that is no
 * date, no working time at all. Leaves the API as a 400 whose {@code field} names what to
 * correct ({@code timeZone}, {@code workingHours.MONDAY[1]}, {@code holidays[3].date},
 * {@code line 4} of an import).
 */
public class InvalidCalendarException extends DomainException {

	private final String field;

	public InvalidCalendarException(String field, String detail) {
		super(Kind.INVALID, "Invalid business calendar", field + ": " + detail);
		this.field = field;
		property("field", field);
	}

	/**
	 * A refusal of several lines at once (an import): {@code field} and {@code detail}
	 * are the first, {@code errors} lists every one as "line N: what is wrong".
	 */
	public InvalidCalendarException(String field, String detail, List<String> errors) {
		this(field, detail);
		property("errors", List.copyOf(errors));
	}

	/** What to correct, as the API names it. */
	public String field() {
		return this.field;
	}

}

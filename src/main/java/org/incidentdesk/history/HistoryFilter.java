package org.incidentdesk.history;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Narrows an incident's history to what an auditor looks for: entries of one kind, by one
 * actor, and containing a text (in the description, field or values, ignoring case). A
 * blank criterion matches every entry.
 *
 * @param kind the entry's kind, e.g. {@code FIELD_CHANGE} or {@code TIMER_FIRED}
 * @param actor who did it; {@value #NO_ACTOR} for the entries of the engine itself
 * @param text a text the entry contains
 */
public record HistoryFilter(String kind, String actor, String text) {

	/** The actor criterion for entries without an actor (the engine's own steps). */
	public static final String NO_ACTOR = "-";

	public HistoryFilter {
		kind = blankToNull(kind);
		actor = blankToNull(actor);
		text = blankToNull(text);
	}

	public static HistoryFilter none() {
		return new HistoryFilter(null, null, null);
	}

	public boolean isEmpty() {
		return this.kind == null && this.actor == null && this.text == null;
	}

	public List<HistoryEntry> apply(List<HistoryEntry> entries) {
		return entries.stream().filter(this::matches).toList();
	}

	public boolean matches(HistoryEntry entry) {
		if (this.kind != null && !this.kind.equals(entry.kind())) {
			return false;
		}
		if (this.actor != null && !this.actor.equals((entry.actor() != null) ? entry.actor() : NO_ACTOR)) {
			return false;
		}
		if (this.text != null) {
			String wanted = this.text.toLowerCase(Locale.ROOT);
			return Stream.of(entry.description(), entry.field(), entry.oldValue(), entry.newValue())
				.anyMatch(value -> value != null && value.toLowerCase(Locale.ROOT).contains(wanted));
		}
		return true;
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}

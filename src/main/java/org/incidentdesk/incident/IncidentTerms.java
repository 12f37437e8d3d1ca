package org.incidentdesk.incident;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The words an incident is found by, and the words of a search. A word is a run of
 * characters between separators, lower-cased and cut to {@link #MAX_LENGTH} characters.
 * The separators are whitespace, the ASCII punctuation characters and the typographic
 * quotes, dashes and no-break space that mail and office programs put in, so
 * {@code "Wi-Fi"} is the two words {@code wi} and {@code fi}. Migration
 * {@code V13__incident_terms.sql} splits the rows it back-fills with the same list; the
 * two must change together.
 * <p>
 * An incident's number is a word too, and so are its digits with and without leading
 * zeros, so {@code INC0001234}, {@code 0001234} and {@code 1234} all find it.
 */
final class IncidentTerms {

	/** Longer words are cut; a search word is cut the same way, so it still matches. */
	static final int MAX_LENGTH = 64;

	/** More words than this make a search too costly to be worth running. */
	static final int MAX_SEARCH_WORDS = 8;

	static final String SEPARATORS = " \t\n\r!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\u00a0\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u00ab\u00bb";

	private IncidentTerms() {
	}

	/** The words of an incident's number, summary and description, each once. */
	static Set<String> of(String number, String summary, String description) {
		Set<String> terms = new LinkedHashSet<>(words(number));
		String lower = number.toLowerCase(Locale.ROOT);
		int digits = 0;
		while (digits < lower.length() && Character.isLetter(lower.charAt(digits))) {
			digits++;
		}
		String tail = lower.substring(digits);
		if (digits > 0 && !tail.isEmpty() && tail.chars().allMatch(c -> c >= '0' && c <= '9')) {
			terms.add(tail);
			String significant = tail.replaceFirst("^0+", "");
			if (!significant.isEmpty()) {
				terms.add(significant);
			}
		}
		terms.addAll(words(summary));
		terms.addAll(words(description));
		return terms;
	}

	/** The words of a text, in order, each once. */
	static List<String> words(String text) {
		Set<String> words = new LinkedHashSet<>();
		if (text == null) {
			return List.of();
		}
		String lower = text.toLowerCase(Locale.ROOT);
		int start = -1;
		for (int i = 0; i <= lower.length(); i++) {
			boolean separator = i == lower.length() || SEPARATORS.indexOf(lower.charAt(i)) >= 0;
			if (separator && start >= 0) {
				words.add(cut(lower.substring(start, i)));
				start = -1;
			}
			else if (!separator && start < 0) {
				start = i;
			}
		}
		return new ArrayList<>(words);
	}

	private static String cut(String word) {
		return (word.length() > MAX_LENGTH) ? word.substring(0, MAX_LENGTH) : word;
	}

	/**
	 * The range of index entries that holds every word starting with {@code prefix}: from
	 * the prefix itself up to, not including, {@link Range#below}. The bound increments
	 * the last character when it is a to y or 0 to 8, whose successor sorts after it in
	 * every collation a database uses; otherwise that character is dropped and the one
	 * before incremented (under ICU, {@code print{} sorts before {@code printa}, so
	 * {@code printz} cannot simply become {@code print{}). Such a widened range holds a
	 * few words that do not start with the prefix, so it is then marked {@link
	 * Range#inexact}, and the search also compares with {@code like}. Without a bound at
	 * all ({@code zzz}), the range runs to the end of the index.
	 * <p>
	 * A plain {@code like 'printer%'} does not use a B-tree index on PostgreSQL unless
	 * the column's collation is {@code C}, and an exact range keeps PostgreSQL's estimate
	 * of how many rows match right, which {@code like} on top of it would spoil:
	 * PostgreSQL multiplies the two selectivities.
	 */
	static Range range(String prefix) {
		for (int end = prefix.length(); end > 0; end--) {
			char last = prefix.charAt(end - 1);
			if ((last >= 'a' && last <= 'y') || (last >= '0' && last <= '8')) {
				return new Range(prefix, prefix.substring(0, end - 1) + (char) (last + 1), end < prefix.length());
			}
		}
		return new Range(prefix, null, true);
	}

	/**
	 * The index entries {@code from <= term < below}; {@code below} null for no upper
	 * bound.
	 */
	record Range(String from, String below, boolean inexact) {

		/** The {@code like} pattern that keeps only words starting with the prefix. */
		String pattern() {
			// Words hold no separators, so no wildcard or escape character either.
			return this.from + "%";
		}

	}

}

package org.incidentdesk.knowledge.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

import org.springframework.lang.Nullable;

/**
 * Tells English from Bahasa Indonesia by their most common words, for text that arrives
 * without a language, such as an incident's resolution notes. Good enough for two
 * languages this different; staff can correct an article's language before publishing it.
 */
public final class LanguageGuess {

	private static final Set<String> ENGLISH = Set.of("the", "a", "an", "is", "are", "was", "to", "of", "and", "in",
			"on", "for", "with", "not", "cannot", "can't", "after", "it", "this", "user", "when", "from", "my", "has",
			"be", "by", "again");

	private static final Set<String> INDONESIAN = Set.of("yang", "tidak", "dan", "di", "ke", "dari", "untuk", "bisa",
			"dengan", "ini", "itu", "sudah", "akan", "pada", "saat", "belum", "masih", "ada", "saya", "setelah",
			"karena", "atau", "juga", "lagi", "kembali", "dapat", "mau");

	private LanguageGuess() {
	}

	/**
	 * {@code "id"} if the text has more common Indonesian words than English ones,
	 * otherwise {@code "en"}.
	 */
	public static String of(@Nullable String... texts) {
		long english = 0;
		long indonesian = 0;
		for (String text : texts) {
			if (text == null) {
				continue;
			}
			String[] words = text.toLowerCase(Locale.ROOT).split("[^\\p{L}']+");
			english += Arrays.stream(words).filter(ENGLISH::contains).count();
			indonesian += Arrays.stream(words).filter(INDONESIAN::contains).count();
		}
		return (indonesian > english) ? "id" : "en";
	}

}

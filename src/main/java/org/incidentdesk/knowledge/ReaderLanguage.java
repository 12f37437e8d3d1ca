package org.incidentdesk.knowledge;

import java.util.List;
import java.util.Locale;

import org.springframework.lang.Nullable;

/**
 * The knowledge base's language ({@code en} or {@code id}) that a reader prefers, as far
 * as a browser or an API client says.
 */
public final class ReaderLanguage {

	private static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.forLanguageTag("id"));

	private ReaderLanguage() {
	}

	/**
	 * The first of the knowledge base's languages in an {@code Accept-Language} header,
	 * or {@code null} when it names neither, is missing or malformed.
	 */
	@Nullable
	public static String of(@Nullable String acceptLanguage) {
		if (acceptLanguage == null || acceptLanguage.isBlank()) {
			return null;
		}
		try {
			Locale best = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), LANGUAGES);
			return (best != null) ? of(best) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * The locale's language if the knowledge base has it ({@code in} is Java's old id).
	 */
	@Nullable
	public static String of(@Nullable Locale locale) {
		if (locale == null) {
			return null;
		}
		String language = locale.getLanguage().equals("in") ? "id" : locale.getLanguage();
		return (language.equals("en") || language.equals("id")) ? language : null;
	}

}

package org.incidentdesk.knowledge;

import java.util.List;
import java.util.Objects;

import org.springframework.lang.Nullable;

/**
 * What it takes to write a knowledge article. The constructor rejects what the database
 * would reject, with a message that says which field is wrong.
 *
 * @param tenantId the owning tenant, or {@code null} for a provider-wide article
 * @param language {@code "en"} or {@code "id"}: decides how the text is analysed for
 * search
 * @param tags free keywords; none may contain a comma
 */
public record NewArticle(@Nullable String tenantId, ArticleKind kind, String title, @Nullable String symptoms,
		@Nullable String resolution, List<String> tags, String language, ArticleVisibility visibility,
		ArticleState state, @Nullable String problemRef, @Nullable String workaround) {

	/** The languages the search understands. */
	public static final List<String> LANGUAGES = List.of("en", "id");

	public NewArticle {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(visibility, "visibility");
		Objects.requireNonNull(state, "state");
		if (title == null || title.isBlank()) {
			throw new IllegalArgumentException("An article needs a title");
		}
		if (!LANGUAGES.contains(language)) {
			throw new IllegalArgumentException("Language must be one of " + LANGUAGES + ", not " + language);
		}
		tags = (tags != null) ? tags.stream().map(String::strip).filter((tag) -> !tag.isEmpty()).distinct().toList()
				: List.of();
		if (tags.stream().anyMatch((tag) -> tag.contains(","))) {
			throw new IllegalArgumentException("Tags must not contain commas: " + tags);
		}
		requireMaxLength("tenantId", tenantId, 64);
		requireMaxLength("title", title, 200);
		requireMaxLength("symptoms", symptoms, 4000);
		requireMaxLength("resolution", resolution, 8000);
		requireMaxLength("tags", String.join(",", tags), 500);
		requireMaxLength("problemRef", problemRef, 32);
		requireMaxLength("workaround", workaround, 4000);
	}

	private static void requireMaxLength(String field, @Nullable String value, int max) {
		if (value != null && value.length() > max) {
			throw new IllegalArgumentException(field + " is longer than " + max + " characters");
		}
	}

}

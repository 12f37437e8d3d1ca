package org.incidentdesk.knowledge;

/**
 * An article that may help with a problem, as found for a piece of text. {@code kind} is
 * the name of an {@link ArticleKind}; {@code score} only orders the suggestions of one
 * search.
 *
 * @param language the article's language, {@code en} or {@code id}
 * @param snippet a passage of the article about the text, as HTML: the article's text
 * escaped, the matching words (synonyms included) in {@code <mark>}
 */
public record KnowledgeSuggestion(long articleId, String articleNumber, String title, String kind, float score,
		String language, String snippet) {
}

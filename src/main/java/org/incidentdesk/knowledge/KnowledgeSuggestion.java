package org.incidentdesk.knowledge;

/**
 * An article that may help with a problem, as found for a piece of text. {@code kind} is
 * the name of an {@link ArticleKind}; {@code score} only orders the suggestions of one
 * search.
 */
public record KnowledgeSuggestion(long articleId, String articleNumber, String title, String kind, float score) {
}

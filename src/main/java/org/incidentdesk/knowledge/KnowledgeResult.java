package org.incidentdesk.knowledge;

/**
 * An article found for a reader's query, with a passage about what they asked.
 *
 * @param language the article's language, {@code en} or {@code id}
 * @param snippet HTML: the article's text escaped, the matching words in {@code <mark>}
 * (see {@link KnowledgeSuggestion#snippet()})
 */
public record KnowledgeResult(String number, String title, ArticleKind kind, String language, String snippet) {
}

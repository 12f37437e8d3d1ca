package org.incidentdesk.knowledge;

/**
 * An article found for a reader's query, with a passage about what they asked.
 *
 * @param snippet HTML: the article's text escaped, the matching words in {@code <mark>}
 * (see {@link KnowledgeSuggestion#snippet()})
 */
public record KnowledgeResult(KnowledgeArticle article, String snippet) {
}

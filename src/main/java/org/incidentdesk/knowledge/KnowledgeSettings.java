package org.incidentdesk.knowledge;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.lang.Nullable;

/**
 * Settings of the knowledge search index.
 *
 * @param refreshInterval how often each node looks for articles that other nodes changed
 * (the schedule reads the same property,
 * {@code incident-desk.knowledge.refresh-interval})
 * @param catchUpOverlap how far behind the newest change seen the catch-up looks again,
 * so an article whose transaction committed late, or whose timestamp came from a slower
 * clock, is not missed
 * @param indexDirectory where the index is kept; {@code null} keeps it in memory. It is
 * rebuilt from the database at every start either way, and each node needs a directory of
 * its own.
 * @param usageFoldInterval how often the recorded uses of articles are folded into their
 * counters (the schedule reads the same property,
 * {@code incident-desk.knowledge.usage-fold-interval})
 */
@ConfigurationProperties("incident-desk.knowledge")
public record KnowledgeSettings(@DefaultValue("PT5S") Duration refreshInterval,
		@DefaultValue("PT1M") Duration catchUpOverlap, @Nullable Path indexDirectory,
		@DefaultValue("PT10S") Duration usageFoldInterval) {
}

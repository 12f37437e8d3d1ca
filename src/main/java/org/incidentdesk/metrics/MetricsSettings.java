package org.incidentdesk.metrics;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the operators' metrics ({@code incident-desk.metrics}).
 *
 * @param readingsMaxAge how long a database reading behind a gauge (job backlog, outbox
 * depth) is reused before it is read again, so that frequent or concurrent scrapes cost
 * at most one set of queries per period; zero reads on every scrape
 */
@ConfigurationProperties("incident-desk.metrics")
record MetricsSettings(@DefaultValue("PT5S") Duration readingsMaxAge) {

	MetricsSettings {
		if (readingsMaxAge.isNegative()) {
			throw new IllegalArgumentException("incident-desk.metrics.readings-max-age must not be negative");
		}
	}

}

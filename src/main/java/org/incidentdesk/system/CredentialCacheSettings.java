package org.incidentdesk.system;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long and how many successful sign-ins are remembered
 * ({@code incident-desk.security.credential-cache}, see {@link CredentialCache}).
 *
 * @param ttl how long a remembered sign-in is used without asking Camunda's identity
 * service again; zero turns remembering off
 * @param maxEntries how many users are remembered at most; beyond, sign-ins are checked
 * every time until entries expire
 */
@ConfigurationProperties("incident-desk.security.credential-cache")
record CredentialCacheSettings(@DefaultValue("PT30S") Duration ttl, @DefaultValue("10000") int maxEntries) {

	CredentialCacheSettings {
		if (ttl.isNegative()) {
			throw new IllegalArgumentException(
					"incident-desk.security.credential-cache.ttl must be zero (off) or positive, not " + ttl);
		}
		if (maxEntries < 0) {
			throw new IllegalArgumentException(
					"incident-desk.security.credential-cache.max-entries must not be negative, not " + maxEntries);
		}
	}

}

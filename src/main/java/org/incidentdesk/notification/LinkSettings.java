package org.incidentdesk.notification;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Links that mails carry back into Incident Desk ({@code incident-desk.*}).
 *
 * @param publicUrl the address callers reach the service at, the base of every link
 * (environment {@code INCIDENT_DESK_PUBLIC_URL})
 * @param resolutionLinkValidFor how long the confirm and reject links of a resolution
 * mail work, counted from the resolution; without it, as long as the incident waits
 * before it closes by itself (the auto-close period of the incident's tenant when the
 * links are issued, {@code SlaPolicy})
 */
@ConfigurationProperties("incident-desk")
record LinkSettings(@DefaultValue("http://localhost:8080") URI publicUrl, Duration resolutionLinkValidFor) {

	LinkSettings {
		if (publicUrl.getScheme() == null || publicUrl.getHost() == null) {
			throw new IllegalArgumentException(
					"incident-desk.public-url must be an absolute http(s) address, e.g. https://desk.example.com");
		}
		if (resolutionLinkValidFor != null
				&& (resolutionLinkValidFor.isNegative() || resolutionLinkValidFor.isZero())) {
			throw new IllegalArgumentException("incident-desk.resolution-link-valid-for must be positive");
		}
	}

	/** The public address without a trailing slash, ready for a path. */
	String base() {
		String url = this.publicUrl.toString();
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

}

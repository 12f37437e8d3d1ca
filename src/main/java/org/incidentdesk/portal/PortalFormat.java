package org.incidentdesk.portal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Formats values for the portal's pages. Times are shown in UTC and say so, because the
 * server does not know the caller's time zone.
 */
class PortalFormat {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

	public String time(OffsetDateTime time) {
		return (time != null) ? TIME.format(time.atZoneSameInstant(ZoneOffset.UTC)) : "–";
	}

	/** The ISO form for {@code <time datetime>}. */
	public String iso(OffsetDateTime time) {
		return (time != null) ? time.toInstant().toString() : null;
	}

	public String size(long bytes) {
		if (bytes < 1024) {
			return bytes + " B";
		}
		if (bytes < 1024 * 1024) {
			return (bytes + 1023) / 1024 + " KB";
		}
		return "%.1f MB".formatted(bytes / (1024.0 * 1024.0));
	}

}

package org.incidentdesk.portal;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Formats values for the portal's pages. Times are shown in UTC and say so, because the
 * server does not know the caller's time zone; an incident's resolution due date is shown
 * in its organisation's calendar time zone, named.
 */
class PortalFormat {

	private static final DateTimeFormatter ZONED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

	public String time(OffsetDateTime time) {
		return (time != null) ? TIME.format(time.atZoneSameInstant(ZoneOffset.UTC)) : "–";
	}

	/**
	 * The time in the given zone, the zone named: {@code 2026-03-09 17:00 Asia/Jakarta}.
	 */
	public String time(OffsetDateTime time, ZoneId zone) {
		return (time != null) ? ZONED.format(time.atZoneSameInstant(zone)) + " " + zone.getId() : "–";
	}

	/** The whole hours of a duration in seconds, without its sign. */
	public String hours(long seconds) {
		return String.valueOf(Math.abs(seconds) / 3600);
	}

	/** The minutes past the whole hours of a duration in seconds, without its sign. */
	public String minutes(long seconds) {
		return String.valueOf(Math.abs(seconds) % 3600 / 60);
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

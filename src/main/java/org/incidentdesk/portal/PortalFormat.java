package org.incidentdesk.portal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Formats values for the portal's pages. Times are shown in the reader's time zone
 * ({@link Readers}; UTC for pages that know no reader), with its offset from UTC, so a
 * time never reads as local when it is not; an incident's resolution due date is shown in
 * its organisation's calendar time zone, named.
 */
class PortalFormat {

	private static final DateTimeFormatter ZONED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private final ZoneId zone;

	PortalFormat() {
		this(ZoneOffset.UTC);
	}

	PortalFormat(ZoneId zone) {
		this.zone = zone;
	}

	/** The time in the reader's zone, with its offset: {@code 2026-03-09 17:00 UTC+7}. */
	public String time(OffsetDateTime time) {
		if (time == null) {
			return "–";
		}
		ZonedDateTime local = time.atZoneSameInstant(this.zone);
		return ZONED.format(local) + " " + offset(local.getOffset());
	}

	/** The reader's zone, named with its offset now: {@code Asia/Jakarta (UTC+7)}. */
	public String zone() {
		String offset = offset(this.zone.getRules().getOffset(Instant.now()));
		return this.zone.normalized().equals(ZoneOffset.UTC) ? offset : this.zone.getId() + " (" + offset + ")";
	}

	/** {@code UTC}, {@code UTC+7}, {@code UTC+5:30}, {@code UTC-3}. */
	static String offset(ZoneOffset offset) {
		int seconds = offset.getTotalSeconds();
		if (seconds == 0) {
			return "UTC";
		}
		int minutes = Math.abs(seconds) / 60;
		String sign = (seconds < 0) ? "-" : "+";
		return "UTC" + sign + (minutes / 60) + ((minutes % 60 != 0) ? ":%02d".formatted(minutes % 60) : "");
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

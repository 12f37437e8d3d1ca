package org.incidentdesk.portal;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Times on the staff pages as people read them, in the reader's language and in the zone
 * of the incident's organisation (its business calendar's), the zone named:
 * {@code Mon, 9 Mar 2026, 17:00 (Asia/Jakarta)}; Indonesian
 * {@code Sen, 9 Mar 2026, 17.00}.
 */
class StaffFormat {

	private final ZoneId zone;

	private final DateTimeFormatter formatter;

	StaffFormat(ZoneId zone, Locale locale) {
		this.zone = zone;
		this.formatter = DateTimeFormatter.ofPattern("EEE, d MMM yyyy, HH:mm", locale);
	}

	public ZoneId zone() {
		return this.zone;
	}

	public String time(OffsetDateTime time) {
		return (time != null) ? this.formatter.format(time.atZoneSameInstant(this.zone)) : "–";
	}

	/** The ISO form for {@code <time datetime>}. */
	public String iso(OffsetDateTime time) {
		return (time != null) ? time.toInstant().toString() : null;
	}

	/** The days of a duration in seconds, without its sign. */
	public long days(long seconds) {
		return Math.abs(seconds) / 86_400;
	}

	/** The hours past the whole days of a duration in seconds, without its sign. */
	public long hours(long seconds) {
		return Math.abs(seconds) % 86_400 / 3600;
	}

	/** The minutes past the whole hours of a duration in seconds, without its sign. */
	public long minutes(long seconds) {
		return Math.abs(seconds) % 3600 / 60;
	}

}

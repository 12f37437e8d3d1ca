package org.incidentdesk.slapolicy;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The durations of the SLA settings as text: ISO-8601 in whole days, hours, minutes and
 * seconds ({@code P3D}, {@code PT4H}, {@code P1DT12H}), which both {@link Duration} and
 * the engine's timers read the same. Weeks, months and years are left out because a month
 * has no fixed length, fractions and signs inside because the engine's timers read them
 * otherwise or not at all.
 */
final class SlaDurations {

	/** The longest period a setting may have: a year and a day. */
	static final Duration MAX = Duration.ofDays(366);

	private static final Pattern WHOLE = Pattern.compile("P(?:\\d+D)?(?:T(?:\\d+H)?(?:\\d+M)?(?:\\d+S)?)?");

	private SlaDurations() {
	}

	/**
	 * The duration the text stands for, or why it is no setting's duration, as a sentence
	 * that says how to write it.
	 */
	static Parsed parse(String text) {
		String trimmed = text.strip().toUpperCase(Locale.ROOT);
		Duration duration;
		try {
			duration = Duration.parse(trimmed);
		}
		catch (DateTimeParseException ex) {
			return Parsed.refused("'" + text + "' is not an ISO-8601 duration; write it like PT4H, P3D or P1DT12H.");
		}
		if (duration.isNegative() || duration.isZero()) {
			return Parsed.refused(
					"must be longer than zero; '" + text + "' is " + (duration.isZero() ? "zero" : "negative") + ".");
		}
		if (!WHOLE.matcher(trimmed).matches() || trimmed.endsWith("T")) {
			return Parsed.refused("write '" + text
					+ "' in whole days, hours, minutes and seconds, without signs or fractions, like P1DT12H.");
		}
		if (duration.compareTo(MAX) > 0) {
			return Parsed.refused("must be at most " + format(MAX) + " (a year and a day); '" + text + "' is longer.");
		}
		return new Parsed(duration, null);
	}

	/**
	 * The duration in its one written form: days, then hours, minutes and seconds, each
	 * only when not zero ({@code P3D}, {@code PT48H} becomes {@code P2D}, {@code PT90M}
	 * becomes {@code PT1H30M}). Fractions of a second are dropped.
	 */
	static String format(Duration duration) {
		StringBuilder text = new StringBuilder("P");
		if (duration.toDays() > 0) {
			text.append(duration.toDays()).append('D');
		}
		if (duration.toHoursPart() > 0 || duration.toMinutesPart() > 0 || duration.toSecondsPart() > 0) {
			text.append('T');
			if (duration.toHoursPart() > 0) {
				text.append(duration.toHoursPart()).append('H');
			}
			if (duration.toMinutesPart() > 0) {
				text.append(duration.toMinutesPart()).append('M');
			}
			if (duration.toSecondsPart() > 0) {
				text.append(duration.toSecondsPart()).append('S');
			}
		}
		return (text.length() == 1) ? "PT0S" : text.toString();
	}

	/**
	 * A parsed setting: the duration, or the reason it was refused.
	 *
	 * @param duration the duration, {@code null} when refused
	 * @param refusal why the text is no setting's duration, {@code null} when parsed
	 */
	record Parsed(Duration duration, String refusal) {

		static Parsed refused(String refusal) {
			return new Parsed(null, refusal);
		}

		Optional<String> problem() {
			return Optional.ofNullable(this.refusal);
		}

	}

}

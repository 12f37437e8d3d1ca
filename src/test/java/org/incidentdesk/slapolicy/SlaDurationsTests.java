package org.incidentdesk.slapolicy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one written form of the settings' durations, and what is refused. */
class SlaDurationsTests {

	@ParameterizedTest
	@CsvSource({ "P3D, P3D", "PT72H, P3D", "p2d, P2D", "PT90M, PT1H30M", "P1DT12H, P1DT12H", "PT36H, P1DT12H",
			"PT45S, PT45S", "P366D, P366D", "' PT4H ', PT4H" })
	void writesEveryDurationInOneForm(String text, String written) {
		SlaDurations.Parsed parsed = SlaDurations.parse(text);
		assertThat(parsed.refusal()).isNull();
		assertThat(SlaDurations.format(parsed.duration())).isEqualTo(written);
		assertThat(Duration.parse(written)).isEqualTo(parsed.duration());
	}

	@ParameterizedTest
	@CsvSource({ "-P1D, negative", "PT-1H, negative", "P0D, zero", "PT0S, zero", "P1DT-1H, whole days",
			"PT1.5S, whole days", "P1W, not an ISO-8601", "P1M, not an ISO-8601", "P1Y, not an ISO-8601",
			"3 days, not an ISO-8601", "P, not an ISO-8601", "PT, not an ISO-8601", "P367D, at most P366D",
			"PT8785H, at most P366D" })
	void refusesWhatIsNoPositiveDurationInWholeUnits(String text, String reason) {
		SlaDurations.Parsed parsed = SlaDurations.parse(text);
		assertThat(parsed.duration()).isNull();
		assertThat(parsed.refusal()).contains(reason);
	}

}

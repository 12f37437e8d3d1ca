package org.incidentdesk.notification;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MailSettingsTests {

	private final MailSettings settings = new MailSettings("desk@example.com", Duration.ofSeconds(5), 8,
			Duration.ofMinutes(1), Duration.ofMinutes(10), 50, Duration.ofMinutes(5), null);

	@Test
	void waitsTwiceAsLongAfterEveryFurtherFailureUpToTheLongestWait() {
		assertThat(this.settings.backoffAfter(1)).isEqualTo(Duration.ofMinutes(1));
		assertThat(this.settings.backoffAfter(2)).isEqualTo(Duration.ofMinutes(2));
		assertThat(this.settings.backoffAfter(4)).isEqualTo(Duration.ofMinutes(8));
		assertThat(this.settings.backoffAfter(5)).isEqualTo(Duration.ofMinutes(10));
		assertThat(this.settings.backoffAfter(1000)).isEqualTo(Duration.ofMinutes(10));
	}

}

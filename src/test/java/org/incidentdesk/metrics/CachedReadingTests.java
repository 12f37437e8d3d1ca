package org.incidentdesk.metrics;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachedReadingTests {

	private final AtomicLong nanos = new AtomicLong(1_000);

	private final AtomicInteger reads = new AtomicInteger();

	@Test
	void reusesAReadingUntilItIsOlderThanItsMaximumAge() {
		CachedReading<Integer> reading = new CachedReading<>(this.reads::incrementAndGet, Duration.ofSeconds(5),
				this.nanos::get);

		assertThat(reading.get()).isEqualTo(1);
		this.nanos.addAndGet(Duration.ofMillis(4999).toNanos());
		assertThat(reading.get()).isEqualTo(1);
		this.nanos.addAndGet(Duration.ofMillis(1).toNanos());
		assertThat(reading.get()).isEqualTo(2);
		assertThat(this.reads).hasValue(2);
	}

	@Test
	void readsOnEveryCallWithoutAMaximumAge() {
		CachedReading<Integer> reading = new CachedReading<>(this.reads::incrementAndGet, Duration.ZERO,
				this.nanos::get);

		reading.get();
		reading.get();

		assertThat(this.reads).hasValue(2);
	}

	@Test
	void aFailedReadIsNotKept() {
		CachedReading<Integer> reading = new CachedReading<>(() -> {
			if (this.reads.incrementAndGet() == 1) {
				throw new IllegalStateException("database away");
			}
			return this.reads.get();
		}, Duration.ofSeconds(5), this.nanos::get);

		assertThatThrownBy(reading::get).hasMessage("database away");
		assertThat(reading.get()).isEqualTo(2);
		assertThat(reading.get()).isEqualTo(2);
	}

}

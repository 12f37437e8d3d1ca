package org.incidentdesk.metrics;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A reading that is taken again only when the last one is older than its maximum age.
 * Several gauges share one reading (one set of queries), and a scrape that arrives while
 * another one reads waits for that reading instead of starting its own.
 */
final class CachedReading<T> {

	private final Supplier<T> read;

	private final long maxAgeNanos;

	private final LongSupplier nanoTime;

	private T value;

	private long readAt;

	CachedReading(Supplier<T> read, Duration maxAge) {
		this(read, maxAge, System::nanoTime);
	}

	CachedReading(Supplier<T> read, Duration maxAge, LongSupplier nanoTime) {
		this.read = read;
		this.maxAgeNanos = maxAge.toNanos();
		this.nanoTime = nanoTime;
	}

	synchronized T get() {
		long now = this.nanoTime.getAsLong();
		if (this.value == null || now - this.readAt >= this.maxAgeNanos) {
			// A failed read throws before anything is kept, so the next scrape
			// tries again.
			this.value = this.read.get();
			this.readAt = now;
		}
		return this.value;
	}

}

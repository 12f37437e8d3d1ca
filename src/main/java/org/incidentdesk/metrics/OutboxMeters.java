package org.incidentdesk.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.incidentdesk.notification.OutboxDepth;
import org.springframework.stereotype.Component;

/**
 * The notification outbox's depth: a growing pending count means mail is not going out
 * (no mail server set, or it refuses), failed ones need somebody to look at
 * {@code GET /api/v1/notifications/failed}.
 */
@Component
class OutboxMeters implements MeterBinder {

	static final String PENDING = "incidentdesk.outbox.pending";

	static final String FAILED = "incidentdesk.outbox.failed";

	private final CachedReading<OutboxDepth.Depth> depth;

	OutboxMeters(OutboxDepth outbox, MetricsSettings settings) {
		this.depth = new CachedReading<>(outbox::read, settings.readingsMaxAge());
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder(PENDING, this, meters -> meters.depth.get().pending())
			.description("Notifications waiting to be sent, including those waiting for a retry")
			.register(registry);
		Gauge.builder(FAILED, this, meters -> meters.depth.get().failed())
			.description("Notifications given up after their last delivery attempt")
			.register(registry);
	}

}

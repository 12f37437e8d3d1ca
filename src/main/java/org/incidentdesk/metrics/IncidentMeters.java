package org.incidentdesk.metrics;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.incidentdesk.incident.IncidentOpened;
import org.incidentdesk.incident.IncidentResponded;
import org.incidentdesk.incident.SlaBreached;
import org.incidentdesk.incident.SlaWarned;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Counts what happens to incidents, from the events the records publish. Every listener
 * runs after the commit of the transaction that recorded the fact: a report that rolls
 * back (a lost idempotency race, a failed process start) counts nothing, and counting
 * holds no database row. Tags are bounded: tenant ids, channels, priorities and SLA
 * kinds, never an incident number or text.
 */
@Component
class IncidentMeters {

	static final String OPENED = "incidentdesk.incidents.opened";

	static final String FIRST_RESPONSE = "incidentdesk.incidents.first.response";

	static final String SLA_WARNINGS = "incidentdesk.sla.warnings";

	static final String SLA_BREACHES = "incidentdesk.sla.breaches";

	/** The tag value of an incident not classified yet. */
	static final String NO_PRIORITY = "none";

	private final MeterRegistry registry;

	IncidentMeters(MeterRegistry registry) {
		this.registry = registry;
	}

	@TransactionalEventListener
	void opened(IncidentOpened event) {
		Counter.builder(OPENED)
			.description("Incidents opened, per channel and customer organisation")
			.tag("tenant", event.tenantId())
			.tag("channel", event.channel().name())
			.register(this.registry)
			.increment();
	}

	@TransactionalEventListener
	void responded(IncidentResponded event) {
		// SLA response targets run from minutes to days; the histogram's buckets
		// cover them.
		Timer.builder(FIRST_RESPONSE)
			.description("Time from the report to the first response (somebody picking the incident up)")
			.tag("tenant", event.tenantId())
			.tag("priority", priority(event.priority()))
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofSeconds(1))
			.maximumExpectedValue(Duration.ofDays(7))
			.register(this.registry)
			.record(event.timeToRespond().isNegative() ? Duration.ZERO : event.timeToRespond());
	}

	@TransactionalEventListener
	void warned(SlaWarned event) {
		Counter.builder(SLA_WARNINGS)
			.description("Resolution SLA warnings sent to the incident manager")
			.tag("tenant", event.tenantId())
			.tag("priority", priority(event.priority()))
			.register(this.registry)
			.increment();
	}

	@TransactionalEventListener
	void breached(SlaBreached event) {
		Counter.builder(SLA_BREACHES)
			.description("Incidents whose response or resolution SLA was breached, counted once per incident and SLA")
			.tag("tenant", event.tenantId())
			.tag("priority", priority(event.priority()))
			.tag("sla", event.sla().name().toLowerCase())
			.register(this.registry)
			.increment();
	}

	private static String priority(String priority) {
		return (priority != null) ? priority : NO_PRIORITY;
	}

}

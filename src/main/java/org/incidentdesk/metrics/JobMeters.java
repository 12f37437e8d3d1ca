package org.incidentdesk.metrics;

import java.time.Duration;
import java.util.Date;
import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.stereotype.Component;

/**
 * The job executor's backlog and lateness: SLA timers, asynchronous steps and retries
 * that are due but not done. Read with two counts and one single-row query, reused for
 * {@link MetricsSettings#readingsMaxAge()}, so a scrape never lists jobs.
 */
@Component
class JobMeters implements MeterBinder {

	static final String DUE = "incidentdesk.jobs.due";

	static final String OLDEST_DUE_AGE = "incidentdesk.jobs.oldest.due.age";

	static final String FAILED = "incidentdesk.jobs.failed";

	private final ProcessEngineConfigurationImpl engine;

	private final CachedReading<Jobs> jobs;

	JobMeters(ProcessEngine engine, MetricsSettings settings) {
		this.engine = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
		this.jobs = new CachedReading<>(this::read, settings.readingsMaxAge());
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder(DUE, this, meters -> meters.jobs.get().due())
			.description("Jobs the job executor could run now and has not finished: due timers, asynchronous"
					+ " steps and retries")
			.register(registry);
		Gauge.builder(OLDEST_DUE_AGE, this, meters -> meters.jobs.get().oldestDueAgeSeconds())
			.description(
					"How long the longest-waiting due job with a due date (timer or retry) is past it;" + " 0 if none")
			.baseUnit("seconds")
			.register(registry);
		Gauge.builder(FAILED, this, meters -> meters.jobs.get().failed())
			.description("Jobs with no retries left: each is a Camunda incident waiting for an operator in Cockpit")
			.register(registry);
	}

	/**
	 * Queries as the engine itself. A scrape runs on a request thread of an administrator
	 * or a monitoring user; with the engine's authorization and tenant checks on, a query
	 * would see only the jobs that user may read, so both checks are off for this
	 * command.
	 */
	private Jobs read() {
		return this.engine.getCommandExecutorTxRequired().execute((Command<Jobs>) context -> {
			context.disableAuthorizationCheck();
			context.disableTenantCheck();
			ManagementService management = context.getProcessEngineConfiguration().getManagementService();
			Date now = ClockUtil.getCurrentTime();
			long due = management.createJobQuery().executable().count();
			// Jobs without a due date (asynchronous steps) have no lateness to
			// measure, and databases sort nulls differently, so only jobs with a
			// due date are ordered.
			List<Job> oldest = management.createJobQuery()
				.executable()
				.duedateLowerThan(now)
				.orderByJobDuedate()
				.asc()
				.listPage(0, 1);
			double age = oldest.isEmpty() ? 0 : Math.max(0,
					Duration.between(oldest.get(0).getDuedate().toInstant(), now.toInstant()).toMillis() / 1000.0);
			long failed = management.createJobQuery().noRetriesLeft().count();
			return new Jobs(due, age, failed);
		});
	}

	record Jobs(long due, double oldestDueAgeSeconds, long failed) {
	}

}

package org.incidentdesk.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.incidentdesk.incident.Channel;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.Level;
import org.incidentdesk.incident.ReportIncident;
import org.incidentdesk.incident.process.IncidentProcess.Element;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many open incidents with live SLA timers, and how late the resolution SLA warnings of a
 * few of them are recorded.
 * <p>
 * Every incident is reported through {@link IncidentService#report}, as the API and the
 * portal do, from several threads: each gets its process instance with its three timers
 * (response, resolution warning, resolution breach), all days away (impact and urgency
 * low: P5). Then the warning timers of the measured incidents are brought due, through
 * the public {@link ManagementService#setJobDuedate}, one after the other over a window
 * that starts shortly after; everything else stays days away. The job executor fires them
 * (timer, then the asynchronous "Warn incident manager" step), which writes the timeline
 * entry "Resolution SLA warning" ({@code incident_activity}, kind {@code SLA}). A
 * warning's lateness is that entry's {@code created_at} minus the due date it was given.
 */
final class SlaTimerRun {

	private static final String WARNING_ENTRY = "Resolution SLA warning%";

	private final IncidentService incidents;

	private final ManagementService management;

	private final ProcessEngine engine;

	private final JdbcClient jdbc;

	SlaTimerRun(IncidentService incidents, ProcessEngine engine, DataSource dataSource) {
		this.incidents = incidents;
		this.engine = engine;
		this.management = engine.getManagementService();
		this.jdbc = JdbcClient.create(dataSource);
	}

	/**
	 * @param background incidents whose timers stay days away
	 * @param measured incidents whose warning is brought due in the window
	 * @param threads reporting threads
	 * @param lead from the last measured incident reported to the window's start
	 * @param window the measured warnings' due dates are spread evenly over it
	 * @param fillLimit the longest the reports may take
	 * @param awaitLimit the longest, after the window, until every warning is recorded
	 */
	record Settings(int background, int measured, int threads, Duration lead, Duration window, Duration fillLimit,
			Duration awaitLimit) {

		static Settings fromSystemProperties() {
			return new Settings(Integer.getInteger("sla.incidents", 100_000), Integer.getInteger("sla.measured", 500),
					Integer.getInteger("sla.threads", 6), Duration.parse(System.getProperty("sla.lead", "PT15S")),
					Duration.parse(System.getProperty("sla.window", "PT60S")),
					Duration.parse(System.getProperty("sla.fill-limit", "PT90M")),
					Duration.parse(System.getProperty("sla.await-limit", "PT5M")));
		}

	}

	/**
	 * @param fill time to report the background incidents
	 * @param retries reports that failed and were sent again
	 * @param latenessMillis per measured warning: entry time minus due date
	 * @param dueDatesSetLate due dates that were already past when they were set (their
	 * lateness is not the job executor's)
	 * @param jobs rows in ACT_RU_JOB when the window started
	 */
	record Result(int background, Duration fill, int retries, long[] latenessMillis, int dueDatesSetLate, long jobs) {

		double percentile(double percentile) {
			long[] sorted = this.latenessMillis.clone();
			Arrays.sort(sorted);
			int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
			return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1000.0;
		}

		void print(String database) {
			System.out.printf("%nBENCHMARK sla-timers database=%s background=%d measured=%d jobs=%d%n", database,
					this.background, this.latenessMillis.length, this.jobs);
			System.out.printf("BENCHMARK fill: %d incidents in %.1f s (%.1f/s), %d retried%n", this.background,
					this.fill.toMillis() / 1000.0, this.background / Math.max(0.001, this.fill.toMillis() / 1000.0),
					this.retries);
			System.out.printf(
					"BENCHMARK warning lateness s: p50=%.2f p95=%.2f p99=%.2f max=%.2f min=%.2f"
							+ " (due dates set late: %d)%n",
					percentile(50), percentile(95), percentile(99), percentile(100),
					Arrays.stream(this.latenessMillis).min().orElse(0) / 1000.0, this.dueDatesSetLate);
		}

	}

	Result run(Settings settings) {
		ClockUtil.reset();
		printJobExecutorSettings();
		AtomicInteger retries = new AtomicInteger();
		long fillStart = System.nanoTime();
		report(settings.background(), settings.threads(), settings.fillLimit(), "background", retries);
		Duration fill = Duration.ofNanos(System.nanoTime() - fillStart);
		List<Incident> measured = report(settings.measured(), settings.threads(), settings.fillLimit(), "measured",
				retries);

		List<String> warningJobs = new ArrayList<>();
		for (Incident incident : measured) {
			Job job = this.management.createJobQuery()
				.processInstanceId(incident.processInstanceId())
				.activityId(Element.BOUNDARY_EVENT_RESOLUTION_SLA_WARNING)
				.singleResult();
			assertThat(job).as("warning timer of %s", incident.number()).isNotNull();
			warningJobs.add(job.getId());
		}
		long jobs = this.management.createJobQuery().count();
		Instant windowStart = Instant.now().plus(settings.lead());
		long stepNanos = settings.window().toNanos() / Math.max(1, settings.measured());
		Map<Long, Instant> dueByIncident = new LinkedHashMap<>();
		int setLate = 0;
		for (int i = 0; i < measured.size(); i++) {
			Instant due = windowStart.plusNanos(stepNanos * i);
			this.management.setJobDuedate(warningJobs.get(i), Date.from(due));
			dueByIncident.put(measured.get(i).id(), due);
			if (Instant.now().isAfter(due)) {
				setLate++;
			}
		}

		Map<Long, Instant> recorded = new HashMap<>();
		await("every measured SLA warning on the timeline")
			.atMost(settings.lead().plus(settings.window()).plus(settings.awaitLimit()))
			.pollInterval(Duration.ofSeconds(1))
			.untilAsserted(() -> {
				List<Long> missing = dueByIncident.keySet().stream().filter(id -> !recorded.containsKey(id)).toList();
				recorded.putAll(warningEntries(missing));
				assertThat(dueByIncident.keySet()).as("incidents whose warning is on the timeline")
					.allMatch(recorded::containsKey);
			});
		long[] lateness = dueByIncident.entrySet()
			.stream()
			.mapToLong(due -> Duration.between(due.getValue(), recorded.get(due.getKey())).toMillis())
			.toArray();
		return new Result(settings.background(), fill, retries.get(), lateness, setLate, jobs);
	}

	private List<Incident> report(int count, int threads, Duration limit, String kind, AtomicInteger retries) {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		AtomicInteger done = new AtomicInteger();
		long start = System.nanoTime();
		int step = Math.max(1, count / 10);
		try {
			List<Future<Incident>> reports = new ArrayList<>(count);
			for (int i = 0; i < count; i++) {
				int n = i;
				reports.add(pool.submit(() -> {
					Incident incident = reportOne(kind, n, retries);
					int finished = done.incrementAndGet();
					if (count >= 1000 && finished % step == 0) {
						double seconds = (System.nanoTime() - start) / 1e9;
						System.out.printf("BENCHMARK %s: %d of %d reported in %.0f s (%.1f/s)%n", kind, finished, count,
								seconds, finished / seconds);
					}
					return incident;
				}));
			}
			pool.shutdown();
			if (!pool.awaitTermination(limit.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new IllegalStateException("Reporting " + count + " " + kind + " incidents took longer than "
						+ limit + "; " + done.get() + " were reported");
			}
			List<Incident> incidents = new ArrayList<>(count);
			for (Future<Incident> report : reports) {
				incidents.add(report.get());
			}
			return incidents;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (java.util.concurrent.ExecutionException ex) {
			throw new IllegalStateException("A report failed three times", ex.getCause());
		}
		finally {
			pool.shutdownNow();
		}
	}

	/**
	 * A low-impact, low-urgency report (P5: its timers are hours and days away) whose
	 * words match no knowledge article. A report that fails (a lock conflict under
	 * concurrent load) is sent again, up to three times, and counted.
	 */
	private Incident reportOne(String kind, int n, AtomicInteger retries) {
		ReportIncident report = new ReportIncident("acme", "alice", null, Channel.PORTAL, "Qzxv " + kind + " " + n,
				null, "other", null, Level.LOW, Level.LOW);
		for (int attempt = 1;; attempt++) {
			try {
				return this.incidents.report(report);
			}
			catch (RuntimeException ex) {
				if (attempt == 3) {
					throw ex;
				}
				retries.incrementAndGet();
			}
		}
	}

	private Map<Long, Instant> warningEntries(List<Long> incidentIds) {
		Map<Long, Instant> entries = new HashMap<>();
		for (int from = 0; from < incidentIds.size(); from += 500) {
			this.jdbc
				.sql("select incident_id, created_at from incident_activity"
						+ " where incident_id in (:ids) and kind = 'SLA' and body like :body")
				.param("ids", incidentIds.subList(from, Math.min(incidentIds.size(), from + 500)))
				.param("body", WARNING_ENTRY)
				.query((rs, row) -> entries.putIfAbsent(rs.getLong(1),
						rs.getObject(2, OffsetDateTime.class).toInstant()))
				.list();
		}
		return entries;
	}

	private void printJobExecutorSettings() {
		ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) this.engine
			.getProcessEngineConfiguration();
		JobExecutor executor = configuration.getJobExecutor();
		System.out.printf(
				"BENCHMARK job executor: active=%s maxJobsPerAcquisition=%d waitTimeInMillis=%d maxWait=%d"
						+ " waitIncreaseFactor=%.1f lockTimeInMillis=%d backoffTimeInMillis=%d"
						+ " acquireByDueDate=%s preferTimerJobs=%s acquireByPriority=%s ensureJobDueDateNotNull=%s%n",
				executor.isActive(), executor.getMaxJobsPerAcquisition(), executor.getWaitTimeInMillis(),
				executor.getMaxWait(), executor.getWaitIncreaseFactor(), executor.getLockTimeInMillis(),
				executor.getBackoffTimeInMillis(), configuration.isJobExecutorAcquireByDueDate(),
				configuration.isJobExecutorPreferTimerJobs(), configuration.isJobExecutorAcquireByPriority(),
				configuration.isEnsureJobDueDateNotNull());
	}

}

package org.incidentdesk.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;

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
import org.incidentdesk.incident.process.IntakeClassification;
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

	/**
	 * Writes a result line to the test output and to
	 * {@code target/benchmarks/sla-timers.txt}, which keeps them when the build's output
	 * is cut or lost.
	 */
	static void out(String format, Object... arguments) {
		String line = String.format(format, arguments);
		System.out.print(line);
		try {
			Path file = Path.of("target", "benchmarks", "sla-timers.txt");
			Files.createDirectories(file.getParent());
			Files.writeString(file, Instant.now() + " " + line.stripLeading() + (line.endsWith("\n") ? "" : "\n"),
					StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Matches no knowledge article, so reports do not contend for the articles' counters.
	 */
	private static final String SUMMARY = "Qzxv ";

	private static final String DUE_DATE_INDEX = "ACT_IDX_JOB_DUEDATE";

	private static final Duration RESTARTED_QUIET = Duration.ofSeconds(80);

	private final IncidentService incidents;

	private final ManagementService management;

	private final IntakeClassification intake;

	private final ProcessEngine engine;

	private final DataSource dataSource;

	private final JdbcClient jdbc;

	SlaTimerRun(IncidentService incidents, IntakeClassification intake, ProcessEngine engine, DataSource dataSource) {
		this.incidents = incidents;
		this.intake = intake;
		this.engine = engine;
		this.management = engine.getManagementService();
		this.dataSource = dataSource;
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
			Duration awaitLimit, List<Variant> variants) {

		static Settings fromSystemProperties() {
			return new Settings(Integer.getInteger("sla.incidents", 100_000), Integer.getInteger("sla.measured", 500),
					Integer.getInteger("sla.threads", 6), Duration.parse(System.getProperty("sla.lead", "PT15S")),
					Duration.parse(System.getProperty("sla.window", "PT60S")),
					Duration.parse(System.getProperty("sla.fill-limit", "PT90M")),
					Duration.parse(System.getProperty("sla.await-limit", "PT5M")),
					Arrays.stream(System.getProperty("sla.variants", "engine-defaults,configured").split(","))
						.map(Variant::of)
						.toList());
		}

	}

	/**
	 * How the job executor runs during one measurement. Every variant measures its own
	 * incidents, on the same background, so the variants of one run compare directly.
	 */
	enum Variant {

		/**
		 * Camunda's own defaults (3 jobs per acquisition, idle waits from 5 s doubling up
		 * to 60 s, acquisition in no particular order) and no index on the due date.
		 */
		ENGINE_DEFAULTS,

		/**
		 * The application's configuration as it started: {@code application.yaml}, any
		 * {@code -Dcamunda.bpm.*} overrides, and the due-date index it adds.
		 */
		CONFIGURED,

		/**
		 * The application's configuration without the due-date index (dropped for the
		 * measurement and added again after it).
		 */
		CONFIGURED_WITHOUT_DUE_DATE_INDEX;

		static Variant of(String name) {
			return valueOf(name.trim().toUpperCase().replace('-', '_'));
		}

		String label() {
			return name().toLowerCase().replace('_', '-');
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
	record Result(int background, int reused, Duration fill, int retries, List<Measurement> measurements) {

		void print(String database) {
			int reported = this.background - this.reused;
			out("%nBENCHMARK sla-timers database=%s background=%d (%d of them from an earlier run)%n", database,
					this.background, this.reused);
			out("BENCHMARK fill: %d incidents in %.1f s (%.1f/s), %d retried%n", reported,
					this.fill.toMillis() / 1000.0, reported / Math.max(0.001, this.fill.toMillis() / 1000.0),
					this.retries);
			this.measurements.forEach(Measurement::print);
		}

	}

	/**
	 * @param latenessMillis per measured warning: entry time minus due date
	 * @param dueDatesSetLate due dates that were already past when they were set (their
	 * lateness is not the job executor's)
	 * @param jobs rows in ACT_RU_JOB when the window started
	 * @param acquisitionMillis median time of the job acquisition's query, as the engine
	 * sends it, when nothing is due
	 */
	record Measurement(Variant variant, String jobExecutor, long[] latenessMillis, int dueDatesSetLate, long jobs,
			double acquisitionMillis) {

		double percentile(double percentile) {
			long[] sorted = this.latenessMillis.clone();
			Arrays.sort(sorted);
			int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
			return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1000.0;
		}

		void print() {
			out("BENCHMARK variant %s: %s%n", this.variant.label(), this.jobExecutor);
			out("BENCHMARK variant %s: measured=%d jobs=%d acquisition query median %.1f ms%n", this.variant.label(),
					this.latenessMillis.length, this.jobs, this.acquisitionMillis);
			out("BENCHMARK variant %s: warning lateness s: p50=%.2f p95=%.2f p99=%.2f max=%.2f min=%.2f"
					+ " (due dates set late: %d)%n", this.variant.label(), percentile(50), percentile(95),
					percentile(99), percentile(100), Arrays.stream(this.latenessMillis).min().orElse(0) / 1000.0,
					this.dueDatesSetLate);
		}

	}

	Result run(Settings settings) {
		ClockUtil.reset();
		AtomicInteger retries = new AtomicInteger();
		int reused = (int) Math.min(settings.background(), openBackgroundIncidents());
		long fillStart = System.nanoTime();
		report(reused, settings.background() - reused, settings.threads(), settings.fillLimit(), "background", retries);
		Duration fill = Duration.ofNanos(System.nanoTime() - fillStart);
		List<Incident> measured = report(0, settings.measured() * settings.variants().size(), settings.threads(),
				settings.fillLimit(), "measured", retries);
		List<Measurement> measurements = new ArrayList<>();
		for (int v = 0; v < settings.variants().size(); v++) {
			Variant variant = settings.variants().get(v);
			String configured = apply(variant);
			try {
				Measurement measurement = measure(variant, configured,
						measured.subList(v * settings.measured(), (v + 1) * settings.measured()), settings);
				measurement.print();
				measurements.add(measurement);
			}
			finally {
				restore(variant);
			}
		}
		return new Result(settings.background(), reused, fill, retries.get(), measurements);
	}

	private Measurement measure(Variant variant, String jobExecutor, List<Incident> measured, Settings settings) {
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
		double acquisition = acquisitionMillis();
		// A restarted job executor polls often at first; its idle waits reach their
		// maximum (5 + 10 + 20 + 40 s) only after a quiet minute and more, as in
		// production.
		Duration lead = (variant == Variant.ENGINE_DEFAULTS) ? settings.lead().plus(RESTARTED_QUIET) : settings.lead();
		Instant windowStart = Instant.now().plus(lead);
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
		await("every measured SLA warning on the timeline (" + variant.label() + ")")
			.atMost(lead.plus(settings.window()).plus(settings.awaitLimit()))
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
		return new Measurement(variant, jobExecutor, lateness, setLate, jobs, acquisition);
	}

	/**
	 * Restarts the job executor with the variant's settings (its acquisition thread reads
	 * them when it starts) and returns them as text.
	 */
	private String apply(Variant variant) {
		ProcessEngineConfigurationImpl configuration = configuration();
		JobExecutor executor = configuration.getJobExecutor();
		if (variant == Variant.ENGINE_DEFAULTS) {
			executor.shutdown();
			this.configured = new long[] { executor.getMaxJobsPerAcquisition(), executor.getWaitTimeInMillis(),
					executor.getMaxWait(), configuration.isJobExecutorAcquireByDueDate() ? 1 : 0,
					configuration.isJobExecutorPreferTimerJobs() ? 1 : 0 };
			this.configuredWaitIncrease = executor.getWaitIncreaseFactor();
			executor.setMaxJobsPerAcquisition(3);
			executor.setWaitTimeInMillis(5000);
			executor.setMaxWait(60000);
			executor.setWaitIncreaseFactor(2);
			configuration.setJobExecutorAcquireByDueDate(false);
			configuration.setJobExecutorPreferTimerJobs(false);
			this.droppedIndex = dropDueDateIndex();
			executor.start();
		}
		else if (variant == Variant.CONFIGURED_WITHOUT_DUE_DATE_INDEX) {
			this.droppedIndex = dropDueDateIndex();
		}
		return String.format(
				"maxJobsPerAcquisition=%d waitTimeInMillis=%d maxWait=%d waitIncreaseFactor=%.1f lockTimeInMillis=%d"
						+ " acquireByDueDate=%s preferTimerJobs=%s acquireByPriority=%s ensureJobDueDateNotNull=%s"
						+ " dueDateIndex=%s",
				executor.getMaxJobsPerAcquisition(), executor.getWaitTimeInMillis(), executor.getMaxWait(),
				executor.getWaitIncreaseFactor(), executor.getLockTimeInMillis(),
				configuration.isJobExecutorAcquireByDueDate(), configuration.isJobExecutorPreferTimerJobs(),
				configuration.isJobExecutorAcquireByPriority(), configuration.isEnsureJobDueDateNotNull(),
				hasDueDateIndex());
	}

	private void restore(Variant variant) {
		ProcessEngineConfigurationImpl configuration = configuration();
		JobExecutor executor = configuration.getJobExecutor();
		if (variant == Variant.ENGINE_DEFAULTS) {
			executor.shutdown();
			executor.setMaxJobsPerAcquisition((int) this.configured[0]);
			executor.setWaitTimeInMillis((int) this.configured[1]);
			executor.setMaxWait(this.configured[2]);
			executor.setWaitIncreaseFactor(this.configuredWaitIncrease);
			configuration.setJobExecutorAcquireByDueDate(this.configured[3] == 1);
			configuration.setJobExecutorPreferTimerJobs(this.configured[4] == 1);
			if (this.droppedIndex) {
				createDueDateIndex();
			}
			executor.start();
		}
		else if (variant == Variant.CONFIGURED_WITHOUT_DUE_DATE_INDEX && this.droppedIndex) {
			createDueDateIndex();
		}
	}

	private long[] configured;

	private float configuredWaitIncrease;

	private boolean droppedIndex;

	private boolean hasDueDateIndex() {
		try (Connection connection = this.dataSource.getConnection()) {
			DatabaseMetaData metaData = connection.getMetaData();
			for (String table : List.of("ACT_RU_JOB", "act_ru_job")) {
				// approximate: the index names only, no row counts (H2 2.3.232 failed to
				// count
				// a secondary index of a 100,000-incident file database: "Chunk ... not
				// found")
				try (ResultSet indexes = metaData.getIndexInfo(null, null, table, false, true)) {
					while (indexes.next()) {
						if (DUE_DATE_INDEX.equalsIgnoreCase(indexes.getString("INDEX_NAME"))) {
							return true;
						}
					}
				}
			}
			return false;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private boolean dropDueDateIndex() {
		boolean present = hasDueDateIndex();
		if (present) {
			this.jdbc.sql("drop index " + DUE_DATE_INDEX).update();
		}
		return present;
	}

	private void createDueDateIndex() {
		if (!hasDueDateIndex()) {
			this.jdbc.sql("create index " + DUE_DATE_INDEX + " on ACT_RU_JOB (DUEDATE_)").update();
		}
	}

	/**
	 * The job acquisition's query as Camunda 7.24 sends it (Job.xml,
	 * selectNextJobsToExecute, not deployment aware, without the history cleanup filter,
	 * and without "DUEDATE_ is null" when the engine ensures every job a due date), timed
	 * over JDBC while nothing is due: what each idle poll costs with this many jobs.
	 */
	private double acquisitionMillis() {
		ProcessEngineConfigurationImpl configuration = configuration();
		String order = configuration.isJobExecutorAcquireByDueDate() ? " order by RES.DUEDATE_ asc" : "";
		String dueWithoutDate = configuration.isEnsureJobDueDateNotNull() ? "" : "RES.DUEDATE_ is null or ";
		String sql = """
				select RES.ID_, RES.REV_, RES.DUEDATE_, RES.PROCESS_INSTANCE_ID_, RES.EXCLUSIVE_
				from ACT_RU_JOB RES
				where (RES.RETRIES_ > 0)
				  and (%sRES.DUEDATE_ <= :now)
				  and (RES.LOCK_OWNER_ is null or RES.LOCK_EXP_TIME_ < :now)
				  and RES.SUSPENSION_STATE_ = 1
				  and ((RES.EXCLUSIVE_ = true and not exists (select J2.ID_ from ACT_RU_JOB J2
				        where J2.PROCESS_INSTANCE_ID_ = RES.PROCESS_INSTANCE_ID_ and (J2.EXCLUSIVE_ = true)
				        and (J2.LOCK_OWNER_ is not null and J2.LOCK_EXP_TIME_ >= :now)))
				    or RES.EXCLUSIVE_ = false)
				""".formatted(dueWithoutDate) + order + " fetch first 3 rows only";
		long[] nanos = new long[11];
		for (int i = 0; i < nanos.length; i++) {
			long start = System.nanoTime();
			this.jdbc.sql(sql).param("now", new java.sql.Timestamp(System.currentTimeMillis())).query().listOfRows();
			nanos[i] = System.nanoTime() - start;
		}
		Arrays.sort(nanos);
		return nanos[nanos.length / 2] / 1e6;
	}

	private ProcessEngineConfigurationImpl configuration() {
		return (ProcessEngineConfigurationImpl) this.engine.getProcessEngineConfiguration();
	}

	private List<Incident> report(int first, int count, int threads, Duration limit, String kind,
			AtomicInteger retries) {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		AtomicInteger done = new AtomicInteger();
		long start = System.nanoTime();
		int step = Math.max(1, count / 10);
		try {
			List<Future<Incident>> reports = new ArrayList<>(count);
			for (int i = 0; i < count; i++) {
				int n = i;
				reports.add(pool.submit(() -> {
					Incident incident = reportOne(kind, first + n, retries);
					int finished = done.incrementAndGet();
					if (count >= 1000 && finished % step == 0) {
						double seconds = (System.nanoTime() - start) / 1e9;
						out("BENCHMARK %s: %d of %d reported in %.0f s (%.1f/s)%n", kind, finished, count, seconds,
								finished / seconds);
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
		ReportIncident report = new ReportIncident("acme", "alice", null, Channel.PORTAL, SUMMARY + kind + " " + n,
				null, "other", null, Level.LOW, Level.LOW);
		for (int attempt = 1;; attempt++) {
			try {
				return classified(this.incidents.report(report));
			}
			catch (RuntimeException ex) {
				if (attempt == 3) {
					throw ex;
				}
				retries.incrementAndGet();
			}
		}
	}

	/**
	 * A report taken while this run's threads report at once is classified later by the
	 * job executor (README "Reporting during an outage"); its SLA timers exist from then
	 * on. Runs that classification here, as the reporting request would on a quiet node,
	 * or waits while the job executor runs it.
	 */
	private Incident classified(Incident incident) {
		this.intake.settle(incident.processInstanceId());
		return incident;
	}

	/**
	 * Background incidents still open from an earlier run on the same database (an H2
	 * file or a PostgreSQL server given with {@code -Dincident-desk.test.postgres-url}),
	 * so a run can top them up instead of reporting them all again. Their response timers
	 * come due 8 hours after they were reported: reuse them within that time.
	 */
	private long openBackgroundIncidents() {
		return this.jdbc.sql(
				"select count(*) from incident where summary like :summary and state in ('NEW', 'IN_PROGRESS', 'ON_HOLD')")
			.param("summary", SUMMARY + "background %")
			.query(Long.class)
			.single();
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

}

package org.incidentdesk.incident.process;

import java.time.Duration;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.incidentdesk.incident.process.IncidentProcess.Element;
import org.incidentdesk.system.CurrentActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

/**
 * "Classify incident" is an asynchronous step of the model ({@code camunda:asyncBefore}):
 * a report commits the incident record and its process up to that step, and the
 * classification, the triage proposal, the knowledge lookup, the SLA timers and the
 * triage task follow in a transaction of their own, a job.
 * <p>
 * While this node takes few reports at once (at most
 * {@code incident-desk.intake.classify-in-request-limit}, and no more than that in the
 * last {@linkplain #CALM second}), the request that reported runs that job itself before
 * it answers, so the caller gets the priority, the SLA times and the suggestions in the
 * answer, as from a single transaction. The job is locked for this node in the report's
 * own transaction, so the job executor, woken by the new job, leaves it alone. Under a
 * burst (more reports in flight on this node), the request answers as soon as the report
 * is stored, and the job executor classifies a moment later: the burst is taken at the
 * speed of storing reports, and the classifications queue behind it.
 * <p>
 * Whoever needs the classified incident before the job executor got to it (a resolution
 * at triage, a withdrawal) {@linkplain #settle(String) settles} it first: runs the job,
 * or waits while another thread runs it.
 */
@Component
public class IntakeClassification {

	/**
	 * How long after a report found the node busy the next ones still leave their
	 * classification to the job executor: a burst has lulls, and a report classified in
	 * its request during one would wait for the cores the burst's requests need.
	 */
	static final Duration CALM = Duration.ofSeconds(1);

	/** How long a job claimed for the reporting request stays locked for it. */
	static final Duration CLAIM = Duration.ofSeconds(30);

	/**
	 * How long {@link #settle(String)} waits for a classification another thread runs.
	 */
	static final Duration SETTLE_WAIT = Duration.ofSeconds(30);

	/** The lock owner of a claim on a node without a job executor. */
	private static final String LOCK_OWNER = "incident-desk-intake";

	private static final Logger logger = LoggerFactory.getLogger(IntakeClassification.class);

	private final AtomicInteger inFlight = new AtomicInteger();

	/**
	 * When a report last found more than the limit being taken
	 * ({@link System#nanoTime()}).
	 */
	private final AtomicLong lastBusy = new AtomicLong(System.nanoTime() - CALM.toNanos() - 1);

	private final int inRequestLimit;

	private final ManagementService management;

	private final IdentityService identity;

	private final ProcessEngineConfigurationImpl configuration;

	private final CurrentActor actor;

	IntakeClassification(ProcessEngine engine, CurrentActor actor,
			@Value("${incident-desk.intake.classify-in-request-limit:2}") int inRequestLimit) {
		if (inRequestLimit < 0) {
			throw new IllegalArgumentException(
					"incident-desk.intake.classify-in-request-limit must be 0 or more, not " + inRequestLimit + ".");
		}
		this.actor = actor;
		this.management = engine.getManagementService();
		this.identity = engine.getIdentityService();
		this.configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
		this.inRequestLimit = inRequestLimit;
	}

	/**
	 * Takes one report: {@code store} stores it (its record and process, in one
	 * transaction) and is told whether to claim the classification for this request
	 * ({@link #claimWithin(String)}); a claimed classification runs before this returns.
	 * @param store stores the report, given whether this request classifies
	 * @param claimedJobOf the job {@code store} claimed, from what it answered (null if
	 * none)
	 * @return what {@code store} answered
	 */
	public <T> T take(Function<Boolean, T> store, Function<T, String> claimedJobOf) {
		int taking = this.inFlight.incrementAndGet();
		try {
			long now = System.nanoTime();
			if (taking > this.inRequestLimit) {
				this.lastBusy.set(now);
			}
			boolean inRequest = taking <= this.inRequestLimit && now - this.lastBusy.get() > CALM.toNanos();
			T stored = store.apply(inRequest);
			String claimed = inRequest ? claimedJobOf.apply(stored) : null;
			if (claimed != null) {
				run(claimed);
			}
			return stored;
		}
		finally {
			this.inFlight.decrementAndGet();
		}
	}

	/**
	 * Locks the process's classification job for this node, inside the transaction that
	 * started the process, so that no job executor takes it before this request runs it.
	 * If the request never gets to run it (its node stops), the lock runs out after
	 * {@link #CLAIM} and any node's job executor runs it.
	 * @return the job's id, or null for a process without that asynchronous step
	 */
	public String claimWithin(String processInstanceId) {
		return commands().execute(context -> {
			JobEntity job = pendingJob(processInstanceId);
			if (job == null) {
				return null;
			}
			lock(job);
			return job.getId();
		});
	}

	/**
	 * Makes sure the incident's process went past its classification: runs the pending
	 * job in this thread, or waits (up to {@link #SETTLE_WAIT}) while the job executor or
	 * another request runs it. Does nothing for a process already past it, nor for a
	 * classification that failed: that waits for its next try, so that a user's action
	 * does not spend its retries.
	 */
	public void settle(String processInstanceId) {
		if (processInstanceId == null) {
			return;
		}
		long deadline = System.nanoTime() + SETTLE_WAIT.toNanos();
		JobEntity job;
		while ((job = commands().execute(context -> pendingJob(processInstanceId))) != null) {
			if (job.getRetries() == 0 || job.getExceptionMessage() != null) {
				// It failed: it waits for its next try, or for an operator in Cockpit.
				return;
			}
			if (!isLocked(job) && claim(job.getId())) {
				run(job.getId());
				return;
			}
			if (System.nanoTime() > deadline) {
				logger.warn(
						"The classification of process instance {} was still running after {}; going on without it.",
						processInstanceId, SETTLE_WAIT);
				return;
			}
			pause();
		}
	}

	/**
	 * Runs the classification job, claimed for this thread, in this thread. A failure (a
	 * broken decision table, a concurrent change of the incident) is recorded on the job
	 * and left to the job executor's retries; the report stays.
	 */
	private void run(String jobId) {
		try {
			asServer(() -> this.actor.actingAs(CurrentActor.SYSTEM, () -> {
				this.management.executeJob(jobId);
				return null;
			}));
		}
		catch (OptimisticLockingException | OptimisticLockingFailureException ex) {
			logger.debug("The incident changed while job {} classified it; the job executor tries again.", jobId);
		}
		catch (RuntimeException ex) {
			// The engine recorded the failure on the job (retries, message) for Cockpit.
			logger.warn("Classification job {} failed; the job executor tries again: {}", jobId, ex.getMessage());
		}
	}

	/** Locks the job for this node unless another took it first. */
	private boolean claim(String jobId) {
		try {
			commands().execute(context -> {
				JobEntity entity = context.getJobManager().findJobById(jobId);
				if (entity == null || isLocked(entity)) {
					throw new OptimisticLockingException("The job " + jobId + " is gone or locked.");
				}
				lock(entity);
				return null;
			});
			return true;
		}
		catch (OptimisticLockingException ex) {
			return false;
		}
	}

	/**
	 * The process's classification job, read inside a command (no authorization check:
	 * the server looks at its own work).
	 */
	private static JobEntity pendingJob(String processInstanceId) {
		return Context.getCommandContext()
			.getJobManager()
			.findJobsByProcessInstanceId(processInstanceId)
			.stream()
			.filter(job -> Element.TASK_CLASSIFY_INCIDENT.equals(job.getActivityId()))
			.findFirst()
			.orElse(null);
	}

	private void lock(JobEntity job) {
		JobExecutor executor = this.configuration.getJobExecutor();
		job.setLockOwner((executor != null) ? executor.getLockOwner() : LOCK_OWNER);
		job.setLockExpirationTime(new Date(ClockUtil.getCurrentTime().getTime() + CLAIM.toMillis()));
	}

	private static boolean isLocked(JobEntity job) {
		return job.getLockOwner() != null && job.getLockExpirationTime() != null
				&& job.getLockExpirationTime().after(ClockUtil.getCurrentTime());
	}

	private CommandExecutor commands() {
		return this.configuration.getCommandExecutorTxRequired();
	}

	/**
	 * Runs engine calls without the signed-in user: the classification is the server's
	 * work, whoever reported (a caller may not run jobs), and the timeline names the
	 * system as its author wherever it runs, as it does in the job executor. Not
	 * {@code EngineAsServer}, which runs its work inside a command: a job is executed as
	 * a command of its own, with its own failure handling, as the job executor runs it.
	 */
	private <T> T asServer(Supplier<T> work) {
		Authentication signedIn = this.identity.getCurrentAuthentication();
		this.identity.clearAuthentication();
		try {
			return work.get();
		}
		finally {
			if (signedIn != null) {
				this.identity.setAuthentication(signedIn);
			}
		}
	}

	private static void pause() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for a classification.", ex);
		}
	}

}

package org.incidentdesk.system;

import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.DefaultJobRetryCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultFailedJobCommandFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A job that failed only because another transaction changed the same data at the same
 * moment is run again within a second or two, not after its retry cycle, and keeps its
 * retries.
 * <p>
 * The model's asynchronous steps retry {@code R3/PT5M}, which suits a mail server or a
 * delegate that failed. Camunda applies that cycle to a conflict too: for its own
 * {@link OptimisticLockingException} it keeps the retries but moves the job five minutes
 * on; for a conflict on the project's tables (the incident row's version moved on, a
 * deadlock, a serialization failure: whatever {@link ConflictRetry#isConflict} names) it
 * also takes a retry away. The SLA steps of one incident (response, warning, breach) come
 * due together when an incident is re-timed or a node catches up, and with two nodes two
 * of them can run at once: one commits, the other meets the conflict, and its SLA entry
 * came five minutes late (the cluster suite saw a warning, and later a response
 * escalation whose incident row another step had just updated, still missing when every
 * job looked done). Here that job keeps its retries and is due again after 0.5 to 2 s, so
 * the two stop colliding. Every other failure keeps the model's cycle.
 * <p>
 * A conflict is never counted against a job's retries, so a job that kept colliding would
 * run every second or two for ever. After {@value #QUICK_RETRIES} collisions in a row on
 * this node, the next one waits for the model's cycle instead, retries still kept, and is
 * logged; then the count starts again. The count is this node's memory of the last
 * {@value #REMEMBERED_JOBS} jobs that collided, so a restart forgets it, which only means
 * another round of quick retries.
 */
@Component
class ConcurrentChangeJobRetry extends AbstractProcessEnginePlugin {

	/** The least and the most a job waits after a concurrent change, in milliseconds. */
	static final int MIN_WAIT_MILLIS = 500;

	static final int MAX_WAIT_MILLIS = 2_000;

	/** How many concurrent changes in a row a job is tried again quickly for. */
	static final int QUICK_RETRIES = 10;

	static final int REMEMBERED_JOBS = 10_000;

	private static final Logger logger = LoggerFactory.getLogger(ConcurrentChangeJobRetry.class);

	/** Jobs that collided lately, with how many times in a row; the oldest go first. */
	private final Map<String, Integer> collisions = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
			return size() > REMEMBERED_JOBS;
		}

	});

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		configuration.setFailedJobCommandFactory(new DefaultFailedJobCommandFactory() {

			@Override
			public Command<Object> getCommand(String jobId, Throwable exception) {
				if (!ConflictRetry.isConflict(exception)) {
					return super.getCommand(jobId, exception);
				}
				int inARow = ConcurrentChangeJobRetry.this.collisions.merge(jobId, 1, Integer::sum);
				if (inARow <= QUICK_RETRIES) {
					return new SoonAgain(jobId, exception);
				}
				ConcurrentChangeJobRetry.this.collisions.remove(jobId);
				logger.warn("Job {} met a concurrent change {} times in a row; it now waits for its model's retry "
						+ "cycle (retries kept)", jobId, inARow);
				return new RetriesKept(jobId, exception);
			}

		});
	}

	/**
	 * Camunda's handling (log, unlock, the model's retry cycle), with the retries kept
	 * for every kind of conflict, as Camunda keeps them for its own optimistic locking.
	 */
	private static class RetriesKept extends DefaultJobRetryCmd {

		RetriesKept(String jobId, Throwable exception) {
			super(jobId, exception);
		}

		@Override
		protected boolean shouldDecrementRetriesFor(Throwable failure) {
			return !ConflictRetry.isConflict(failure);
		}

	}

	/** Camunda's handling with the retries kept, then a due date moments away. */
	private static final class SoonAgain extends RetriesKept {

		SoonAgain(String jobId, Throwable exception) {
			super(jobId, exception);
		}

		@Override
		public Object execute(CommandContext commandContext) {
			Object result = super.execute(commandContext);
			JobEntity job = commandContext.getJobManager().findJobById(this.jobId);
			if (job != null) {
				long wait = ThreadLocalRandom.current().nextLong(MIN_WAIT_MILLIS, MAX_WAIT_MILLIS + 1);
				job.setDuedate(new Date(ClockUtil.getCurrentTime().getTime() + wait));
			}
			return result;
		}

	}

}

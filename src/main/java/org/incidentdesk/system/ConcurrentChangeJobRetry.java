package org.incidentdesk.system;

import java.util.Date;
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
import org.springframework.stereotype.Component;

/**
 * A job that failed only because another transaction changed the same process at the same
 * moment is run again within a second or two, not after its retry cycle.
 * <p>
 * The model's asynchronous steps retry {@code R3/PT5M}, which suits a mail server or a
 * delegate that failed. Camunda applies that cycle to an
 * {@link OptimisticLockingException} too: it keeps the retries, but moves the job five
 * minutes on. The SLA steps of one incident (response, warning, breach) come due together
 * when an incident is re-timed or a node catches up, and with two nodes two of them can
 * run at once: one commits, the other gets the exception, and its SLA entry came five
 * minutes late (the cluster suite saw a warning still missing when every job looked
 * done). Here that job keeps its retries, as Camunda does, and is due again after 0.5 to
 * 2 s, so the two stop colliding. Every other failure keeps the model's cycle.
 */
@Component
class ConcurrentChangeJobRetry extends AbstractProcessEnginePlugin {

	/** The least and the most a job waits after a concurrent change, in milliseconds. */
	static final int MIN_WAIT_MILLIS = 500;

	static final int MAX_WAIT_MILLIS = 2_000;

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		configuration.setFailedJobCommandFactory(new DefaultFailedJobCommandFactory() {

			@Override
			public Command<Object> getCommand(String jobId, Throwable exception) {
				return isConcurrentChange(exception) ? new SoonAgain(jobId, exception)
						: super.getCommand(jobId, exception);
			}

		});
	}

	static boolean isConcurrentChange(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof OptimisticLockingException) {
				return true;
			}
		}
		return false;
	}

	/** Camunda's handling (log, unlock, retries kept), then a due date moments away. */
	private static final class SoonAgain extends DefaultJobRetryCmd {

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

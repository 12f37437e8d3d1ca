package org.incidentdesk.system;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * Notes the refusal ({@link BadUserRequestException}) with which a command of the engine
 * failed, for {@link EngineErrorFilter}, while it records on the thread. The webapps'
 * engine API answers a refusal that a task listener or delegate throws (a task outcome
 * that does not fit, an incident that has its process already) with a 500 whose body
 * tells nothing of its type; this tells the filter that it was the caller's to fix. It
 * notes a command that failed for want of a database connection too: the engine API
 * answers it with a 500, and the filter makes it a 503.
 */
@Component
class EngineRefusals extends AbstractProcessEnginePlugin {

	private static final ThreadLocal<Recording> RECORDING = new ThreadLocal<>();

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		List<CommandInterceptor> interceptors = new ArrayList<>();
		if (configuration.getCustomPreCommandInterceptorsTxRequired() != null) {
			interceptors.addAll(configuration.getCustomPreCommandInterceptorsTxRequired());
		}
		interceptors.add(new NoteRefusal());
		configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
	}

	/** Starts noting the refusals of this thread's commands; close it when done. */
	static Recording record() {
		Recording recording = new Recording();
		RECORDING.set(recording);
		return recording;
	}

	/** The refusals noted on one thread, the last one last. */
	static final class Recording implements AutoCloseable {

		private BadUserRequestException last;

		private RuntimeException databaseFailure;

		/** The last refusal, or null. */
		BadUserRequestException last() {
			return this.last;
		}

		/**
		 * The last command's failure for want of a database connection (none free in
		 * time, or no database to connect to), or null.
		 */
		RuntimeException databaseFailure() {
			return this.databaseFailure;
		}

		@Override
		public void close() {
			RECORDING.remove();
		}

	}

	private static final class NoteRefusal extends CommandInterceptor {

		@Override
		public <T> T execute(Command<T> command) {
			try {
				return this.next.execute(command);
			}
			catch (RuntimeException ex) {
				Recording recording = RECORDING.get();
				BadUserRequestException refusal = (recording != null) ? Causes.find(ex, BadUserRequestException.class)
						: null;
				if (refusal != null) {
					recording.last = refusal;
				}
				if (recording != null && DatabaseBusyFilter.isNoConnection(ex)) {
					recording.databaseFailure = ex;
				}
				throw ex;
			}
		}

	}

}

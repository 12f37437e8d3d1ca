package org.incidentdesk.audit;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.incidentdesk.system.StartUpLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Applies {@code incident-desk.audit.history-time-to-live}, when it is set, to every
 * deployed version of every process and decision definition, through the same public API
 * as Camunda's {@code PUT /process-definition/{id}/history-time-to-live}. A model's
 * {@code camunda:historyTimeToLive} is fixed per deployed version, so without this an
 * administrator would have to redeploy or change each version by hand. A changed time to
 * live counts for incidents that close from then on: Camunda gives a process's history
 * its removal time when the process ends.
 */
@Component
class HistoryRetention {

	private static final Logger LOG = LoggerFactory.getLogger(HistoryRetention.class);

	private final RepositoryService repository;

	private final AuditSettings settings;

	private final StartUpLock lock;

	HistoryRetention(RepositoryService repository, AuditSettings settings, StartUpLock lock) {
		this.repository = repository;
		this.settings = settings;
		this.lock = lock;
	}

	/**
	 * Nodes that start together take turns ({@link StartUpLock}), so that they do not
	 * change the same definition at once and fail on each other's change; the node that
	 * waited finds the definitions changed.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void applyHistoryTimeToLive() {
		if (this.settings.historyTimeToLive() == null) {
			return;
		}
		this.lock.run("applying the history time to live", this::apply);
	}

	private void apply() {
		int days = Math.toIntExact(this.settings.historyTimeToLive().toDays());
		int changed = 0;
		for (ProcessDefinition process : this.repository.createProcessDefinitionQuery().list()) {
			if (!Integer.valueOf(days).equals(process.getHistoryTimeToLive())) {
				this.repository.updateProcessDefinitionHistoryTimeToLive(process.getId(), days);
				changed++;
			}
		}
		for (DecisionDefinition decision : this.repository.createDecisionDefinitionQuery().list()) {
			if (!Integer.valueOf(days).equals(decision.getHistoryTimeToLive())) {
				this.repository.updateDecisionDefinitionHistoryTimeToLive(decision.getId(), days);
				changed++;
			}
		}
		if (changed > 0) {
			LOG.info("History time to live set to {} days on {} process and decision definition versions", days,
					changed);
		}
	}

}

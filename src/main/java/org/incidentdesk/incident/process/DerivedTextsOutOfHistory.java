package org.incidentdesk.incident.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.springframework.stereotype.Component;

/**
 * The texts Tasklist shows of an incident ({@link TaskTexts}: "P2 high", the due dates in
 * the organisation's time zone, the caller's name, the knowledge links) are written to
 * the engine's runtime only, not to its history.
 * <p>
 * Each is derived from a variable or record that is in the history (the priority, the SLA
 * dates, the caller's id, the suggestions on the timeline), so its history says nothing
 * new; with history {@code full} every one of them cost two more rows per change
 * ({@code ACT_HI_VARINST} and {@code ACT_HI_DETAIL}), about 20 statements per report. The
 * history level stays {@code full} for everything else, so the database's stored level is
 * unchanged. Every event of such a variable is left out (created, updated, deleted), so
 * no history row is ever updated that was not written.
 */
@Component
class DerivedTextsOutOfHistory extends AbstractProcessEnginePlugin {

	/** The variables left out of the history: all are set by {@link TaskTexts}. */
	static final Set<String> DERIVED = Set.of(Var.PRIORITY_LABEL, Var.SLA_DUE, Var.RESPONSE_DUE, Var.RESOLUTION_DUE,
			Var.KNOWLEDGE_LINKS, Var.CALLER_NAME, Var.CALLER_CONTACT, Var.CATEGORY_NAME, Var.ASSIGNED_GROUP_NAME);

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		configuration.setEnableDefaultDbHistoryEventHandler(false);
		List<HistoryEventHandler> handlers = new ArrayList<>();
		handlers.add(new DbHistoryEventHandler() {

			@Override
			public void handleEvent(HistoryEvent event) {
				if (!isDerived(event)) {
					super.handleEvent(event);
				}
			}

		});
		if (configuration.getCustomHistoryEventHandlers() != null) {
			handlers.addAll(configuration.getCustomHistoryEventHandlers());
		}
		configuration.setCustomHistoryEventHandlers(handlers);
	}

	static boolean isDerived(HistoryEvent event) {
		return event instanceof HistoricVariableUpdateEventEntity variable
				&& IncidentProcess.PROCESS_ID.equals(variable.getProcessDefinitionKey())
				&& DERIVED.contains(variable.getVariableName());
	}

}

package org.incidentdesk.incident.process;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentEvents;
import org.incidentdesk.incident.IncidentRecords;
import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Closes the incident, confirmed by the caller or closed after the caller stayed silent,
 * and stores its figures.
 */
@Component
class CloseIncidentDelegate implements JavaDelegate {

	static final String CONFIRMED = "CONFIRMED_BY_CALLER";

	static final String AUTO_CLOSED = "AUTO_CLOSED";

	private final IncidentRecords records;

	private final ApplicationEventPublisher events;

	CloseIncidentDelegate(IncidentRecords records, ApplicationEventPublisher events) {
		this.records = records;
		this.events = events;
	}

	@Override
	public void execute(DelegateExecution execution) {
		boolean confirmed = Boolean.TRUE.equals(execution.getVariable(Var.RESOLUTION_ACCEPTED));
		Incident closed = this.records.close(execution.getProcessBusinessKey(), confirmed ? CONFIRMED : AUTO_CLOSED);
		this.events.publishEvent(new IncidentEvents.Closed(closed.number()));
	}

}

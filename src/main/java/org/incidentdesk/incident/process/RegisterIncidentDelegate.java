package org.incidentdesk.incident.process;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.incidentdesk.incident.Channel;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentIntake;
import org.incidentdesk.incident.IncidentEvents;
import org.incidentdesk.incident.IncidentRecords;
import org.incidentdesk.incident.InvalidIncidentException;
import org.incidentdesk.incident.Level;
import org.incidentdesk.incident.NewIncident;
import org.incidentdesk.incident.ReportIncident;
import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Ties the process to its incident record. Incidents reported through the API arrive with
 * their record; the service desk's start form in Tasklist arrives without one, and the
 * record is created here, in the same transaction as the process start.
 */
@Component
class RegisterIncidentDelegate implements JavaDelegate {

	private final IncidentIntake intake;

	private final IncidentRecords records;

	private final ApplicationEventPublisher events;

	RegisterIncidentDelegate(IncidentIntake intake, IncidentRecords records, ApplicationEventPublisher events) {
		this.intake = intake;
		this.records = records;
		this.events = events;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String number = (String) execution.getVariable(Var.INCIDENT_NUMBER);
		if (number == null) {
			number = this.records.create(checkStartForm(execution)).number();
			execution.setVariable(Var.INCIDENT_NUMBER, number);
			execution.setProcessBusinessKey(number);
		}
		this.records.linkProcessInstance(number, execution.getProcessInstanceId(), execution.getTenantId());
		this.events.publishEvent(new IncidentEvents.Registered(number));
	}

	private NewIncident checkStartForm(DelegateExecution execution) {
		try {
			return this.intake.check(new ReportIncident(text(execution, Var.TENANT_ID), text(execution, Var.CALLER_ID),
					null, enumValue(Channel.class, text(execution, Var.CHANNEL), Channel.PHONE),
					text(execution, Var.SUMMARY), text(execution, Var.DESCRIPTION), text(execution, Var.CATEGORY),
					text(execution, Var.CI_NAME), enumValue(Level.class, text(execution, Var.IMPACT), null),
					enumValue(Level.class, text(execution, Var.URGENCY), null)));
		}
		catch (InvalidIncidentException ex) {
			// Surfaces in Tasklist and engine REST as a 400 with the message;
			// nothing is stored.
			throw new BadUserRequestException(String.join(" ", ex.errors()));
		}
	}

	private static String text(DelegateExecution execution, String name) {
		Object value = execution.getVariable(name);
		return (value != null) ? value.toString() : null;
	}

	private static <E extends Enum<E>> E enumValue(Class<E> type, String value, E fallback) {
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			return Enum.valueOf(type, value.trim().toUpperCase());
		}
		catch (IllegalArgumentException ex) {
			throw new BadUserRequestException(
					"'" + value + "' is not a valid " + type.getSimpleName().toLowerCase() + ".");
		}
	}

}

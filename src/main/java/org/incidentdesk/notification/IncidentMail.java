package org.incidentdesk.notification;

import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentEvents;
import org.incidentdesk.incident.Incidents;
import org.incidentdesk.system.CurrentUser;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Who hears of what happens to an incident. The listeners run synchronously, inside the
 * transaction that changed the incident, so each notification is in the outbox exactly
 * when the change is committed ({@link Notifications}); delivery comes after, and an
 * unreachable mail server loses nothing. The service desk owns every incident until
 * closure, so it hears of every hand-over.
 */
@Component
class IncidentMail {

	private final Notifications notifications;

	private final Incidents records;

	IncidentMail(Notifications notifications, Incidents records) {
		this.notifications = notifications;
		this.records = records;
	}

	@EventListener
	void on(IncidentEvents.Registered event) {
		toCaller(event.number(), NotificationKind.INCIDENT_OPENED, null);
	}

	@EventListener
	void on(IncidentEvents.CallerInformationRequested event) {
		toCaller(event.number(), NotificationKind.INFORMATION_REQUESTED, event.question());
	}

	@EventListener
	void on(IncidentEvents.PublicUpdateAdded event) {
		toCaller(event.number(), NotificationKind.UPDATED, event.update());
	}

	@EventListener
	void on(IncidentEvents.Resolved event) {
		toCaller(event.number(), NotificationKind.RESOLVED, null);
	}

	@EventListener
	void on(IncidentEvents.Reopened event) {
		toCaller(event.number(), NotificationKind.REOPENED, event.reason());
	}

	@EventListener
	void on(IncidentEvents.Closed event) {
		toCaller(event.number(), NotificationKind.CLOSED, null);
	}

	@EventListener
	void on(IncidentEvents.Cancelled event) {
		toCaller(event.number(), NotificationKind.CANCELLED, null);
	}

	@EventListener
	void on(IncidentEvents.HandedOver event) {
		Incident incident = this.records.get(event.number());
		this.notifications.notifyGroup(incident, NotificationKind.ASSIGNED, event.toGroup());
		this.notifications.notifyGroup(incident, NotificationKind.HANDED_OVER, CurrentUser.SERVICE_DESK);
	}

	@EventListener
	void on(IncidentEvents.MajorIncidentDeclared event) {
		Incident incident = this.records.get(event.number());
		this.notifications.notifyGroup(incident, NotificationKind.MAJOR_INCIDENT, CurrentUser.INCIDENT_MANAGERS);
		this.notifications.notifyGroup(incident, NotificationKind.MAJOR_INCIDENT,
				CurrentUser.SERVICE_DELIVERY_MANAGERS);
	}

	@EventListener
	void on(IncidentEvents.ResponseOverdue event) {
		toIncidentManagers(event.number(), NotificationKind.RESPONSE_OVERDUE);
	}

	@EventListener
	void on(IncidentEvents.ResolutionAtRisk event) {
		toIncidentManagers(event.number(), NotificationKind.SLA_WARNING);
	}

	@EventListener
	void on(IncidentEvents.ResolutionOverdue event) {
		toIncidentManagers(event.number(), NotificationKind.SLA_BREACHED);
	}

	@EventListener
	void on(IncidentEvents.ResolutionRejectedRepeatedly event) {
		toIncidentManagers(event.number(), NotificationKind.RESOLUTION_REJECTED_AGAIN);
	}

	private void toCaller(String number, NotificationKind kind, String message) {
		Incident incident = this.records.get(number);
		this.notifications.notifyUser(incident, kind, incident.callerId(), message);
	}

	private void toIncidentManagers(String number, NotificationKind kind) {
		this.notifications.notifyGroup(this.records.get(number), kind, CurrentUser.INCIDENT_MANAGERS);
	}

}

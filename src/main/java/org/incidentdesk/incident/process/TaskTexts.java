package org.incidentdesk.incident.process;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.spin.plugin.variable.SpinValues;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.Suggestion;
import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.incidentdesk.sla.BusinessCalendars;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * What Tasklist shows people of an incident, as process and task variables next to the
 * raw ones the process runs on: the priority with its word ("P2 high"), the SLA due dates
 * in the organisation's time zone, the caller, the category and the working group by
 * name, and the knowledge suggestions as links to their articles. The raw variables stay
 * what the gateways, timers and tables read; these are for the list cards and the forms.
 */
@Component
class TaskTexts {

	private static final Map<String, String> PRIORITY_WORDS = Map.of("P1", "critical", "P2", "high", "P3", "moderate",
			"P4", "low", "P5", "planning");

	/** The portal's category names (portal/messages.properties), in English. */
	private static final Map<String, String> CATEGORY_NAMES = Map.of("hardware", "Hardware", "software", "Software",
			"network", "Network", "access", "Access and passwords", "email", "E-mail", "other", "Other");

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH);

	private final BusinessCalendars calendars;

	private final IdentityService identity;

	TaskTexts(BusinessCalendars calendars, IdentityService identity) {
		this.calendars = calendars;
		this.identity = identity;
	}

	/** "P2 high", or the value as it is if it is no priority. */
	static String priorityLabel(String priority) {
		String word = (priority != null) ? PRIORITY_WORDS.get(priority) : null;
		return (word != null) ? priority + " " + word : priority;
	}

	/**
	 * Sets the priority label and the SLA texts from the raw variables of the scope (an
	 * execution or a task: they reach the process instance, where the raw ones are).
	 */
	void refresh(VariableScope scope) {
		scope.setVariables(slaAndPriority((String) scope.getVariable(Var.TENANT_ID),
				(String) scope.getVariable(Var.PRIORITY), (Date) scope.getVariable(Var.RESPONSE_DUE_AT),
				(Date) scope.getVariable(Var.RESOLUTION_DUE_AT), (Date) scope.getVariable(Var.RESPONDED_AT)));
	}

	/** The texts of the priority and the SLA dates, by variable. */
	Map<String, Object> slaAndPriority(String tenantId, String priority, Date responseDue, Date resolutionDue,
			Date respondedAt) {
		ZoneId zone = zone(tenantId);
		Map<String, Object> texts = new HashMap<>();
		texts.put(Var.PRIORITY_LABEL, priorityLabel(priority));
		texts.put(Var.RESPONSE_DUE, when(responseDue, zone));
		texts.put(Var.RESOLUTION_DUE, when(resolutionDue, zone));
		String due = null;
		if (respondedAt == null && responseDue != null) {
			due = "Respond by " + when(responseDue, zone);
		}
		else if (resolutionDue != null) {
			due = "Resolve by " + when(resolutionDue, zone);
		}
		texts.put(Var.SLA_DUE, due);
		return texts;
	}

	/**
	 * The task's own texts for its form: the caller and how to reach them, the category
	 * and the working group by name.
	 */
	void describe(DelegateTask task, Incident incident) {
		User caller = (incident.callerId() != null)
				? this.identity.createUserQuery().userId(incident.callerId()).singleResult() : null;
		task.setVariableLocal(Var.CALLER_NAME, name(caller, incident.callerId()));
		task.setVariableLocal(Var.CALLER_CONTACT,
				(caller != null && caller.getEmail() != null && !caller.getEmail().isBlank()) ? caller.getEmail()
						: "no e-mail address on record");
		task.setVariableLocal(Var.CATEGORY_NAME, (incident.category() != null)
				? CATEGORY_NAMES.getOrDefault(incident.category(), incident.category()) : null);
		task.setVariableLocal(Var.ASSIGNED_GROUP_NAME, groupName(incident.assignmentGroup()));
	}

	/** The suggestions as links to their pages in the portal, for a form's html view. */
	static JsonValue knowledgeLinks(List<Suggestion> suggestions) {
		ArrayNode links = JsonNodeFactory.instance.arrayNode();
		for (Suggestion suggestion : suggestions) {
			links.addObject()
				.put("number", suggestion.articleNumber())
				.put("title", suggestion.title() + ("KNOWN_ERROR".equals(suggestion.kind()) ? " (known error)" : ""))
				.put("url", "/portal/knowledge/" + UriUtils.encodePathSegment(suggestion.articleNumber(), "UTF-8"));
		}
		return SpinValues.jsonValue(links.toString()).create();
	}

	private String groupName(String groupId) {
		if (groupId == null) {
			return "none yet";
		}
		Group group = this.identity.createGroupQuery().groupId(groupId).singleResult();
		return (group != null && group.getName() != null && !group.getName().isBlank()) ? group.getName() : groupId;
	}

	private static String name(User user, String id) {
		if (user == null) {
			return id;
		}
		String name = ((user.getFirstName() != null ? user.getFirstName() : "") + " "
				+ (user.getLastName() != null ? user.getLastName() : ""))
			.strip();
		return name.isEmpty() ? user.getId() : name + " (" + user.getId() + ")";
	}

	private ZoneId zone(String tenantId) {
		try {
			return (tenantId != null) ? this.calendars.calendarOf(tenantId).zone()
					: this.calendars.defaultCalendar().zone();
		}
		catch (RuntimeException unknownTenant) {
			return this.calendars.defaultCalendar().zone();
		}
	}

	private static String when(Date date, ZoneId zone) {
		return (date != null) ? WHEN.format(date.toInstant().atZone(zone)) + " (" + zone.getId() + ")" : null;
	}

}

package org.incidentdesk.classification;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.DecisionDefinitionQuery;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.incidentdesk.cmdb.Cmdb;
import org.incidentdesk.system.TenantVariants;
import org.incidentdesk.cmdb.ConfigurationItem;
import org.incidentdesk.sla.BusinessCalendar;
import org.incidentdesk.sla.BusinessCalendars;
import org.incidentdesk.sla.SlaClock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Classifies an incident with the decision tables beside the process: priority from
 * impact and urgency, SLA targets from priority, and the first support team from
 * category, CI type and priority. A process owner changes the tables; this code only
 * reads their answers.
 */
@Service
public class Classifier {

	static final String PRIORITY_DECISION = "IncidentPriority";

	static final String SLA_DECISION = "SlaTargets";

	static final String ROUTING_DECISION = "IncidentRouting";

	/** The SlaTargets clock whose times count only the business calendar's hours. */
	static final String BUSINESS_HOURS = "BUSINESS_HOURS";

	private final DecisionService decisions;

	private final Cmdb cmdb;

	private final RepositoryService repository;

	private final BusinessCalendars calendars;

	Classifier(DecisionService decisions, Cmdb cmdb, RepositoryService repository, BusinessCalendars calendars) {
		this.calendars = calendars;
		this.decisions = decisions;
		this.cmdb = cmdb;
		this.repository = repository;
	}

	/**
	 * Classifies an incident from what its caller reported: the decision tables' answers
	 * for its impact, urgency, category and configuration item, with the SLA due times
	 * counted from when it was reported. The incident module stores the outcome.
	 * @param ciId the affected configuration item of the tenant, or {@code null}
	 */
	@Transactional(readOnly = true)
	public Classification classify(String tenantId, Long ciId, String impact, String urgency, String category,
			Instant reported) {
		ConfigurationItem ci = (ciId != null) ? this.cmdb.find(tenantId, ciId).orElse(null) : null;
		String priority = (String) evaluate(PRIORITY_DECISION, tenantId,
				Variables.putValue("impact", impact).putValue("urgency", urgency))
			.get("priority");
		Map<String, Object> routing = evaluate(ROUTING_DECISION, tenantId,
				Variables.putValue("category", category)
					.putValue("ciType", (ci != null) ? ci.type().name() : null)
					.putValue("priority", priority));

		SlaDates sla = slaDates(tenantId, priority, reported, Duration.ZERO);
		return new Classification(ci, priority, sla.responseDueAt(), sla.resolutionWarningAt(), sla.resolutionDueAt(),
				(String) routing.get("firstTeam"), (String) routing.get("vendorTeam"), sla.businessHours());
	}

	/**
	 * The SLA dates of a priority for an incident reported at {@code reported} whose
	 * clock was paused for {@code paused}: the SlaTargets times (and the warning at its
	 * share of the resolution time) plus the paused time, counted in the table's clock
	 * for that priority, business hours or every hour.
	 */
	@Transactional(readOnly = true)
	public SlaDates slaDates(String tenantId, String priority, Instant reported, Duration paused) {
		Map<String, Object> sla = evaluate(SLA_DECISION, tenantId, Variables.putValue("priority", priority));
		Duration response = Duration.parse((String) sla.get("responseTime"));
		Duration resolution = Duration.parse((String) sla.get("resolutionTime"));
		long warningPercent = ((Number) sla.get("warningPercent")).longValue();
		// A table without the clock column (from before it existed) runs around the
		// clock, as every table did then.
		boolean businessHours = BUSINESS_HOURS.equals(sla.get("clock"));
		// The calendar is read once for the three dates.
		BusinessCalendar calendar = businessHours ? this.calendars.calendarOf(tenantId) : null;
		return new SlaDates(after(calendar, reported, response.plus(paused)),
				after(calendar, reported, resolution.multipliedBy(warningPercent).dividedBy(100).plus(paused)),
				after(calendar, reported, resolution.plus(paused)), businessHours);
	}

	/**
	 * When a target of {@code duration} after {@code start} is due: in the business time
	 * of the customer organisation's calendar (SlaClock), or around the clock without
	 * one.
	 */
	private static Instant after(BusinessCalendar calendar, Instant start, Duration duration) {
		return (calendar != null) ? SlaClock.addBusinessTime(calendar, start, duration) : start.plus(duration);
	}

	/** Priority for given impact and urgency, for callers that need only that. */
	public String priorityOf(String impact, String urgency) {
		return (String) evaluate(PRIORITY_DECISION, null,
				Variables.putValue("impact", impact).putValue("urgency", urgency))
			.get("priority");
	}

	/**
	 * Evaluates the newest version of a table for the customer organisation: its own
	 * variant if a process owner deployed one for it ({@code tenant-id}), else the shared
	 * one.
	 */
	private Map<String, Object> evaluate(String decisionKey, String tenantId, VariableMap inputs) {
		DecisionDefinitionQuery query = this.repository.createDecisionDefinitionQuery()
			.decisionDefinitionKey(decisionKey)
			.latestVersion();
		if (tenantId != null) {
			query.tenantIdIn(tenantId).includeDecisionDefinitionsWithoutTenantId();
		}
		else {
			query.withoutTenantId();
		}
		List<DecisionDefinition> latest = query.list();
		DecisionDefinition table = TenantVariants.newestFor(tenantId, latest)
			.orElseThrow(() -> new IllegalStateException("The decision " + decisionKey + " is not deployed."));
		DmnDecisionResultEntries result = this.decisions.evaluateDecisionById(table.getId())
			.variables(inputs)
			.evaluate()
			.getSingleResult();
		if (result == null) {
			throw new IllegalStateException(
					"The decision " + decisionKey + " has no rule for " + inputs + ": complete the table.");
		}
		return result.getEntryMap();
	}

}

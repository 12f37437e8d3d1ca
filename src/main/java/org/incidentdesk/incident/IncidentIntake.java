package org.incidentdesk.incident;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.incidentdesk.cmdb.Cmdb;
import org.incidentdesk.cmdb.ConfigurationItem;
import org.springframework.stereotype.Service;

/**
 * Checks a report against the world it refers to: the customer organisation exists, the
 * caller belongs to it, and the configuration item is one of its items. Whatever channel
 * a report comes through, it passes here.
 */
@Service
public class IncidentIntake {

	static final String CATEGORY_PATTERN = "hardware|software|network|access|email|other";

	static final Set<String> CATEGORIES = Set.of(CATEGORY_PATTERN.split("\\|"));

	private final IdentityService identity;

	private final Cmdb cmdb;

	IncidentIntake(IdentityService identity, Cmdb cmdb) {
		this.identity = identity;
		this.cmdb = cmdb;
	}

	public NewIncident check(ReportIncident report) {
		List<String> errors = new ArrayList<>();
		if (isBlank(report.tenantId()) || this.identity.createTenantQuery().tenantId(report.tenantId()).count() == 0) {
			errors.add("There is no customer organisation '" + report.tenantId() + "'.");
		}
		else if (isBlank(report.callerId()) || !belongsTo(report.callerId(), report.tenantId())) {
			errors.add("The caller '" + report.callerId() + "' is not a user of customer organisation '"
					+ report.tenantId() + "'.");
		}
		if (isBlank(report.summary())) {
			errors.add("A summary is required.");
		}
		else if (report.summary().length() > 200) {
			errors.add("The summary has " + report.summary().length() + " characters; at most 200 are allowed.");
		}
		if (report.description() != null && report.description().length() > 4000) {
			errors
				.add("The description has " + report.description().length() + " characters; at most 4000 are allowed.");
		}
		if (report.category() == null || !CATEGORIES.contains(report.category())) {
			errors.add("The category must be one of " + String.join(", ", CATEGORIES.stream().sorted().toList()) + ".");
		}
		if (report.channel() == null) {
			errors.add("The channel is required.");
		}
		if (report.impact() == null || report.urgency() == null) {
			errors.add("Impact and urgency are required (HIGH, MEDIUM or LOW).");
		}
		ConfigurationItem ci = null;
		if (!isBlank(report.ciName()) && errors.isEmpty()) {
			ci = this.cmdb.findByName(report.tenantId(), report.ciName().trim()).orElse(null);
			if (ci == null) {
				errors.add("The configuration item '" + report.ciName() + "' is not in the CMDB of '"
						+ report.tenantId() + "'.");
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidIncidentException(errors);
		}
		return new NewIncident(report.tenantId(), report.callerId(),
				isBlank(report.affectedUser()) ? report.callerId() : report.affectedUser(), report.channel(),
				report.summary().trim(), report.description(), report.category(), (ci != null) ? ci.id() : null,
				report.impact(), report.urgency());
	}

	/** Whether the user belongs to the tenant, directly or through one of its groups. */
	public boolean belongsTo(String userId, String tenantId) {
		return this.identity.createTenantQuery()
			.userMember(userId)
			.includingGroupsOfUser(true)
			.tenantId(tenantId)
			.count() > 0;
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

}

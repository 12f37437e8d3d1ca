package org.incidentdesk.incident;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A report of an incident as it arrives (API, portal, the service desk's start form),
 * before it is checked against the tenants, users and CMDB.
 *
 * @param ciName name of the affected configuration item in the caller's organisation, if
 * known
 */
public record ReportIncident(@NotBlank @Size(max = 64) String tenantId, @NotBlank @Size(max = 64) String callerId,
		@Size(max = 64) String affectedUser, @NotNull Channel channel, @NotBlank @Size(max = 200) String summary,
		@Size(max = 4000) String description,
		@NotBlank @Pattern(regexp = IncidentIntake.CATEGORY_PATTERN,
				message = "must be one of hardware, software, network, access, email, other") String category,
		@Size(max = 200) String ciName, @NotNull Level impact, @NotNull Level urgency) {

}

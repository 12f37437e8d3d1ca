package org.incidentdesk.tenancy;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A provider team that works incidents in Tasklist: a support team ({@code support-*}), a
 * vendor ({@code vendor-*}) or any further team the routing table names.
 *
 * @param tenants the tenants it serves
 */
record NewTeam(@NotBlank @Size(max = 64) String id, @NotBlank @Size(max = 200) String name,
		@Size(max = 500) List<@NotBlank @Size(max = 40) String> tenants) {

	NewTeam {
		tenants = (tenants != null) ? List.copyOf(tenants) : List.of();
	}

}

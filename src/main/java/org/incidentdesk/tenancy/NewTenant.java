package org.incidentdesk.tenancy;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A customer organisation to create.
 *
 * @param id the tenant id: letters and digits with single '-', '_' or '.' between them
 * @param name the organisation's name
 * @param servedBy support teams and vendors that serve it besides the service desk and
 * the overseers, which serve every tenant
 */
record NewTenant(@NotBlank @Size(max = 40) String id, @NotBlank @Size(max = 200) String name,
		@Size(max = 50) List<@NotBlank @Size(max = 64) String> servedBy) {

	NewTenant {
		servedBy = (servedBy != null) ? List.copyOf(servedBy) : List.of();
	}

}

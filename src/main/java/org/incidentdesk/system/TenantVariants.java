package org.incidentdesk.system;

import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.repository.ResourceDefinition;

/**
 * Which model a customer organisation's incident uses when a process owner may deploy a
 * variant for it ({@code tenant-id}): its own newest version if there is one, else the
 * newest shared one.
 */
public final class TenantVariants {

	private TenantVariants() {
	}

	/**
	 * @param tenantId the organisation, or {@code null} for the shared model only
	 * @param latest the newest version of one key per tenant, shared included
	 */
	public static <T extends ResourceDefinition> Optional<T> newestFor(String tenantId, List<T> latest) {
		return latest.stream()
			.filter(definition -> tenantId != null && tenantId.equals(definition.getTenantId()))
			.findFirst()
			.or(() -> latest.stream().filter(definition -> definition.getTenantId() == null).findFirst());
	}

}

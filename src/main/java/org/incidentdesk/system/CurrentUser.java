package org.incidentdesk.system;

import java.io.Serial;
import java.io.Serializable;
import java.security.Principal;
import java.util.List;

/**
 * A signed-in user with the Camunda groups and tenants it belongs to. What the user may
 * do is decided by {@code tenancy.AccessPolicy}, from these facts.
 *
 * @param id the Camunda user id
 * @param groups ids of the user's groups
 * @param tenants ids of the tenants the user belongs to, directly or through a group
 */
public record CurrentUser(String id, List<String> groups, List<String> tenants) implements Principal, Serializable {

	/**
	 * Serializable because a portal sign-in keeps it in the HTTP session, which lives in
	 * the database so that every node serves it (Spring Session JDBC).
	 */
	@Serial
	private static final long serialVersionUID = 1L;

	public static final String SERVICE_DESK = "service-desk";

	public static final String INCIDENT_MANAGERS = "incident-managers";

	public static final String AUDITORS = "auditors";

	public static final String ADMINISTRATORS = "camunda-admin";

	public static final String CUSTOMERS = "customers";

	/**
	 * Callers in this group also see the incidents of the other callers of their own
	 * organisation (tenant), for example a customer's IT coordinator.
	 */
	public static final String ORGANISATION_VIEWERS = "organisation-viewers";

	public static final String SERVICE_DELIVERY_MANAGERS = "service-delivery-managers";

	/** The monitoring system's users, which read the metrics (for example Prometheus). */
	public static final String MONITORING = "monitoring";

	/** Prefix of a tenant's on-site technician group, {@code technicians-<tenant>}. */
	public static final String TECHNICIANS_PREFIX = "technicians-";

	public CurrentUser {
		groups = List.copyOf(groups);
		tenants = List.copyOf(tenants);
	}

	@Override
	public String getName() {
		return this.id;
	}

	public boolean isMemberOf(String group) {
		return this.groups.contains(group);
	}

	/**
	 * Callers are the customer organisations' own users; everyone else works for the
	 * provider.
	 */
	public boolean isCaller() {
		return isMemberOf(CUSTOMERS);
	}

	public static String techniciansOf(String tenantId) {
		return TECHNICIANS_PREFIX + tenantId;
	}

}

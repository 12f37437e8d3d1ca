package org.incidentdesk.tenancy;

import org.incidentdesk.system.CurrentUser;

/**
 * Who may do what, in one place: the named checks every module asks instead of reading
 * group memberships itself. The checks are pure functions of the user (its groups and
 * tenants, {@link CurrentUser}) and of the facts they are asked about, so a controller, a
 * service, a servlet filter and a record's factory ask them alike, without a bean.
 * <ul>
 * <li>Callers are the customer organisations' own users; staff are everyone else, the
 * provider's people (one definition: {@link #isStaff}).</li>
 * <li>A user serves the tenants they belong to, directly or through a group: a caller
 * their organisation, staff the tenants their teams serve.</li>
 * <li>Auditors and administrators see everything; auditors change nothing.</li>
 * <li>Only an incident's caller confirms or rejects its resolution and withdraws it.</li>
 * </ul>
 * Camunda's own grants per kind of group are {@link AccessModel}'s; the security chains
 * in {@code system} keep the coarse rules of whole paths (the administration API, the
 * metrics, changes by overseers).
 */
public final class AccessPolicy {

	/** Prefix of the ids of the provider's support teams, {@code support-<name>}. */
	public static final String SUPPORT_PREFIX = "support-";

	/** Prefix of the ids of the vendors' groups, {@code vendor-<name>}. */
	public static final String VENDOR_PREFIX = "vendor-";

	private AccessPolicy() {
	}

	/** Auditors and administrators see every tenant's incidents, figures and CMDB. */
	public static boolean seesAll(CurrentUser user) {
		return user.isMemberOf(CurrentUser.AUDITORS) || isAdministrator(user);
	}

	public static boolean isAdministrator(CurrentUser user) {
		return user.isMemberOf(CurrentUser.ADMINISTRATORS);
	}

	/**
	 * Staff are the provider's people: everyone who is not a caller of a customer
	 * organisation (service desk, support teams, vendors, technicians, managers,
	 * auditors, administrators).
	 */
	public static boolean isStaff(CurrentUser user) {
		return !user.isCaller();
	}

	/**
	 * Whether the user serves the tenant: belongs to it directly or through a group. For
	 * a caller that is their own organisation.
	 */
	public static boolean servesTenant(CurrentUser user, String tenantId) {
		return tenantId != null && user.tenants().contains(tenantId);
	}

	/**
	 * Whether the user sees the tenant's data (its incidents' figures, its CMDB): the
	 * tenants they serve, or every tenant for auditors and administrators. Callers see
	 * only their own organisation's, whatever else they belong to.
	 */
	public static boolean seesTenant(CurrentUser user, String tenantId) {
		if (user.isCaller()) {
			return servesTenant(user, tenantId);
		}
		return seesAll(user) || servesTenant(user, tenantId);
	}

	/**
	 * Whether staff act for the tenant (report on a caller's behalf, change its CMDB):
	 * the tenants they serve, or any for administrators. Auditors look and do not act.
	 */
	public static boolean actsForTenant(CurrentUser user, String tenantId) {
		return servesTenant(user, tenantId) || isAdministrator(user);
	}

	/**
	 * A caller in {@value CurrentUser#ORGANISATION_VIEWERS} also sees the incidents of
	 * the other callers of their own organisation, for example a customer's IT
	 * coordinator.
	 */
	public static boolean seesOrganisation(CurrentUser user) {
		return user.isCaller() && user.isMemberOf(CurrentUser.ORGANISATION_VIEWERS);
	}

	/**
	 * Whether the user may see an incident of this caller in this tenant. Callers see
	 * their own (organisation viewers also their organisation's); staff see the tenants
	 * they serve; auditors and administrators all.
	 */
	public static boolean maySeeIncident(CurrentUser user, String callerId, String tenantId) {
		if (seesAll(user)) {
			return true;
		}
		if (user.isCaller()) {
			return user.id().equals(callerId) || (seesOrganisation(user) && servesTenant(user, tenantId));
		}
		return servesTenant(user, tenantId);
	}

	/**
	 * Whether the acting user may confirm or reject an incident's resolution, or withdraw
	 * it: only its caller may, whoever else sees the incident.
	 */
	public static boolean mayConfirm(String actingUserId, String callerId) {
		return actingUserId != null && actingUserId.equals(callerId);
	}

	/**
	 * Auditors read everything and change nothing, whatever else they belong to, unless
	 * they are administrators as well.
	 */
	public static boolean onlyAudits(CurrentUser user) {
		return user.isMemberOf(CurrentUser.AUDITORS) && !isAdministrator(user);
	}

	/**
	 * Incident managers, service delivery managers, auditors and administrators read the
	 * incident figures (reports); managers of the tenants they serve.
	 */
	public static boolean readsReports(CurrentUser user) {
		return seesAll(user) || user.isMemberOf(CurrentUser.INCIDENT_MANAGERS)
				|| user.isMemberOf(CurrentUser.SERVICE_DELIVERY_MANAGERS);
	}

	/**
	 * Staff of the teams that work on incidents keep the CMDB: the service desk, support
	 * teams, vendors, incident managers, service delivery managers and administrators.
	 * Auditors only look; technicians and monitoring systems do not change it.
	 */
	public static boolean keepsCmdb(CurrentUser user) {
		return isStaff(user) && user.groups()
			.stream()
			.anyMatch(group -> group.equals(CurrentUser.SERVICE_DESK) || group.startsWith(SUPPORT_PREFIX)
					|| group.startsWith(VENDOR_PREFIX) || group.equals(CurrentUser.INCIDENT_MANAGERS)
					|| group.equals(CurrentUser.SERVICE_DELIVERY_MANAGERS) || group.equals(CurrentUser.ADMINISTRATORS));
	}

	/**
	 * Whether the user only looks on: auditors, whatever else they belong to, and users
	 * whose only groups are the overseeing ones (incident managers, service delivery
	 * managers, monitoring). The API refuses their changes
	 * ({@code system.SecurityConfig}); the portal's staff pages offer them none. Incident
	 * managers act on a breached incident through its review task in Tasklist.
	 */
	public static boolean onlyOversees(CurrentUser user) {
		return user.isMemberOf(CurrentUser.AUDITORS)
				|| (!user.groups().isEmpty() && user.groups()
					.stream()
					.allMatch(group -> group.equals(CurrentUser.INCIDENT_MANAGERS)
							|| group.equals(CurrentUser.SERVICE_DELIVERY_MANAGERS)
							|| group.equals(CurrentUser.MONITORING)));
	}

}

package org.incidentdesk.portal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.incidentdesk.system.CurrentUser;
import org.incidentdesk.tenancy.AccessPolicy;
import org.incidentdesk.tenancy.Tenancy;
import org.springframework.stereotype.Component;

/**
 * Names for the staff pages from Camunda's identity service: a caller's name and contact,
 * a group's and an organisation's name, and the organisations and groups a member of
 * staff may filter the list by.
 */
@Component
class StaffDirectory {

	/**
	 * The user info key of a user's phone number, set through Camunda's identity service.
	 */
	static final String PHONE_KEY = "phone";

	/**
	 * Groups that never work on an incident, so the list's group filter leaves them out.
	 */
	private static final List<String> NOT_ASSIGNED = List.of(CurrentUser.CUSTOMERS, CurrentUser.ORGANISATION_VIEWERS,
			CurrentUser.AUDITORS, CurrentUser.ADMINISTRATORS, CurrentUser.MONITORING,
			CurrentUser.SERVICE_DELIVERY_MANAGERS);

	private final IdentityService identity;

	private final Tenancy tenancy;

	StaffDirectory(IdentityService identity, Tenancy tenancy) {
		this.identity = identity;
		this.tenancy = tenancy;
	}

	/** The person's name, e-mail and phone as their Camunda profile has them. */
	Person person(String userId) {
		if (userId == null) {
			return null;
		}
		User user = this.identity.createUserQuery().userId(userId).singleResult();
		if (user == null) {
			return new Person(userId, userId, null, null);
		}
		String name = (blank(user.getFirstName()) + " " + blank(user.getLastName())).trim();
		String phone = this.identity.getUserInfo(userId, PHONE_KEY);
		return new Person(userId, name.isEmpty() ? userId : name, emptyToNull(user.getEmail()), emptyToNull(phone));
	}

	/** The group's name, or its id if it has none. */
	String groupName(String groupId) {
		if (groupId == null) {
			return null;
		}
		Group group = this.identity.createGroupQuery().groupId(groupId).singleResult();
		return (group != null && group.getName() != null && !group.getName().isBlank()) ? group.getName() : groupId;
	}

	/** The organisation's name, or its id if it has none. */
	String tenantName(String tenantId) {
		String name = this.tenancy.tenantNames().get(tenantId);
		return (name != null && !name.isBlank()) ? name : tenantId;
	}

	/**
	 * The organisations the user sees incidents of, id to name: those they serve, or
	 * every one for auditors and administrators.
	 */
	Map<String, String> tenantsOf(CurrentUser user) {
		Map<String, String> tenants = new TreeMap<>();
		this.tenancy.tenantNames().forEach((id, name) -> {
			if (AccessPolicy.seesTenant(user, id)) {
				tenants.put(id, (name != null && !name.isBlank()) ? name : id);
			}
		});
		return tenants;
	}

	/**
	 * The groups an incident can be assigned to, id to name: the service desk, the
	 * support teams, the vendors, the incident managers and the technicians of the
	 * organisations the user sees.
	 */
	Map<String, String> assignableGroups(CurrentUser user) {
		Map<String, String> groups = new TreeMap<>();
		List<Group> all = new ArrayList<>(this.identity.createGroupQuery().list());
		for (Group group : all) {
			String id = group.getId();
			if (NOT_ASSIGNED.contains(id)) {
				continue;
			}
			if (id.startsWith(CurrentUser.TECHNICIANS_PREFIX)
					&& !AccessPolicy.seesTenant(user, id.substring(CurrentUser.TECHNICIANS_PREFIX.length()))) {
				continue;
			}
			groups.put(id, (group.getName() != null && !group.getName().isBlank()) ? group.getName() : id);
		}
		return groups;
	}

	private static String blank(String value) {
		return (value != null) ? value : "";
	}

	private static String emptyToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	/**
	 * A person as the page names them.
	 *
	 * @param email null if the profile has none
	 * @param phone null if the profile has none
	 */
	record Person(String id, String name, String email, String phone) {
	}

}

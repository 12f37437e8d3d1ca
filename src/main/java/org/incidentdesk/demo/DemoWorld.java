package org.incidentdesk.demo;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.incidentdesk.cmdb.CiType;
import org.incidentdesk.cmdb.Cmdb;
import org.incidentdesk.cmdb.ConfigurationItem;
import org.incidentdesk.cmdb.NewConfigurationItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A believable demo world for the {@code demo} profile: two customer organisations with
 * callers and technicians, the provider's teams, CMDB items, knowledge articles and a
 * Tasklist filter per group. Every demo user's password is {@value #PASSWORD}; this
 * exists only in this profile.
 */
@Component
@Profile("demo")
class DemoWorld implements ApplicationRunner {

	static final String PASSWORD = "demo";

	private static final Logger log = LoggerFactory.getLogger(DemoWorld.class);

	private static final List<String> TENANTS = List.of("acme", "globex");

	/** Provider groups: id, name, the people in it. */
	private static final List<List<String>> PROVIDER_GROUPS = List.of(
			List.of("service-desk", "Service desk", "sam", "sari"),
			List.of("support-infrastructure", "Support: infrastructure (L2)", "ivan"),
			List.of("support-applications", "Support: applications (L2)", "ana"),
			List.of("vendor-systems", "Vendor: Systems Ltd (L3)", "vera"),
			List.of("incident-managers", "Incident managers", "ines"),
			List.of("service-delivery-managers", "Service delivery managers", "della"),
			List.of("auditors", "Auditors", "audrey"));

	private final IdentityService identity;

	private final AuthorizationService authorizations;

	private final FilterService filters;

	private final TaskService tasks;

	private final Cmdb cmdb;

	private final List<DemoContent> content;

	DemoWorld(IdentityService identity, AuthorizationService authorizations, FilterService filters, TaskService tasks,
			Cmdb cmdb, List<DemoContent> content) {
		this.identity = identity;
		this.authorizations = authorizations;
		this.filters = filters;
		this.tasks = tasks;
		this.cmdb = cmdb;
		this.content = content;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		if (this.identity.createTenantQuery().tenantId("acme").count() > 0) {
			return;
		}
		tenant("acme", "Acme Logistics");
		tenant("globex", "Globex Retail Indonesia");

		group("customers", "Callers of all customer organisations", "WORKFLOW");
		user("alice", "Alice", "Anders", "customers", "acme");
		user("bob", "Bob", "Brandt", "customers", "acme");
		user("citra", "Citra", "Lestari", "customers", "globex");
		user("dodi", "Dodi", "Pratama", "customers", "globex");
		// Mail to these callers is in Bahasa Indonesia.
		this.identity.setUserInfo("citra", "locale", "id");
		this.identity.setUserInfo("dodi", "locale", "id");

		for (String tenant : TENANTS) {
			String technicians = "technicians-" + tenant;
			group(technicians, "On-site technicians of " + tenant, "WORKFLOW");
			this.identity.createTenantGroupMembership(tenant, technicians);
			grantTasklist(technicians);
			filter("On-site work: " + tenant, technicians);
		}
		user("tom", "Tom", "Tekniker", "technicians-acme", null);
		user("tari", "Tari", "Wijaya", "technicians-globex", null);

		for (List<String> entry : PROVIDER_GROUPS) {
			String groupId = entry.get(0);
			group(groupId, entry.get(1), "WORKFLOW");
			for (String tenant : TENANTS) {
				this.identity.createTenantGroupMembership(tenant, groupId);
			}
			for (String userId : entry.subList(2, entry.size())) {
				user(userId, Character.toUpperCase(userId.charAt(0)) + userId.substring(1), "(" + entry.get(1) + ")",
						groupId, null);
			}
			grantTasklist(groupId);
			filter(entry.get(1), groupId);
		}
		grant("service-desk", Resources.PROCESS_DEFINITION, "IncidentManagement", Permissions.CREATE_INSTANCE);
		grant("service-desk", Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.CREATE);
		for (String overseer : List.of("incident-managers", "service-delivery-managers", "auditors")) {
			grant(overseer, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
			grant(overseer, Resources.PROCESS_DEFINITION, Authorization.ANY, Permissions.READ,
					Permissions.READ_INSTANCE, Permissions.READ_HISTORY);
			grant(overseer, Resources.DECISION_DEFINITION, Authorization.ANY, Permissions.READ,
					Permissions.READ_HISTORY);
		}

		cmdbItems();
		this.content.forEach(DemoContent::load);
		log.info("Demo world created: tenants acme and globex; every demo user's password is '{}'.", PASSWORD);
	}

	private void cmdbItems() {
		ConfigurationItem server = ci("acme", "ACME-SRV-01", CiType.HARDWARE, "Jakarta data centre, rack 4", true,
				null);
		ci("acme", "ACME-ERP", CiType.SERVICE, "Runs on ACME-SRV-01", true, server.id());
		ci("acme", "ACME-LT-0042", CiType.HARDWARE, "Jakarta HQ, floor 3", false, null);
		ci("acme", "ACME-PRN-03", CiType.HARDWARE, "Jakarta HQ, floor 3", false, null);
		ci("acme", "ACME-VPN", CiType.NETWORK, "Jakarta data centre", true, null);
		ci("acme", "Microsoft Outlook", CiType.SOFTWARE, null, true, null);
		ci("globex", "GLX-POS-07", CiType.HARDWARE, "Surabaya store 7", false, null);
		ci("globex", "GLX-WIFI", CiType.NETWORK, "Surabaya store 7", true, null);
		ci("globex", "GLX-MAIL", CiType.SERVICE, "Provider cloud", true, null);
	}

	private ConfigurationItem ci(String tenant, String name, CiType type, String location, boolean remote,
			Long parent) {
		return this.cmdb.register(new NewConfigurationItem(tenant, name, type, location, remote, parent));
	}

	private void tenant(String id, String name) {
		Tenant tenant = this.identity.newTenant(id);
		tenant.setName(name);
		this.identity.saveTenant(tenant);
	}

	private void group(String id, String name, String type) {
		if (this.identity.createGroupQuery().groupId(id).count() > 0) {
			return;
		}
		Group group = this.identity.newGroup(id);
		group.setName(name);
		group.setType(type);
		this.identity.saveGroup(group);
	}

	private void user(String id, String first, String last, String group, String tenant) {
		User user = this.identity.newUser(id);
		user.setFirstName(first);
		user.setLastName(last);
		user.setEmail(id + "@" + ((tenant != null) ? tenant + ".example" : "incidentdesk.example"));
		user.setPassword(PASSWORD);
		this.identity.saveUser(user);
		this.identity.createMembership(id, group);
		if (tenant != null) {
			this.identity.createTenantUserMembership(tenant, id);
		}
	}

	private void grantTasklist(String group) {
		grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
		grant(group, Resources.PROCESS_DEFINITION, "IncidentManagement", Permissions.READ);
		grant(group, Resources.DEPLOYMENT, Authorization.ANY, Permissions.READ);
	}

	private void filter(String name, String group) {
		Filter filter = this.filters.newTaskFilter(name)
			.setProperties(Map.of("description", "Open tasks of " + group, "refresh", true, "priority", 0))
			.setQuery(this.tasks.createTaskQuery().taskCandidateGroup(group).includeAssignedTasks());
		this.filters.saveFilter(filter);
		grant(group, Resources.FILTER, filter.getId(), Permissions.READ);
	}

	/**
	 * Adds permissions to the group's grant on the resource (there is at most one per
	 * resource).
	 */
	private void grant(String group, Resource resource, String resourceId, Permission... permissions) {
		Authorization grant = this.authorizations.createAuthorizationQuery()
			.groupIdIn(group)
			.resourceType(resource)
			.resourceId(resourceId)
			.authorizationType(Authorization.AUTH_TYPE_GRANT)
			.singleResult();
		if (grant == null) {
			grant = this.authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
			grant.setGroupId(group);
			grant.setResource(resource);
			grant.setResourceId(resourceId);
		}
		for (Permission permission : permissions) {
			grant.addPermission(permission);
		}
		this.authorizations.saveAuthorization(grant);
	}

}

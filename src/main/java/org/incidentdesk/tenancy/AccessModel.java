package org.incidentdesk.tenancy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.UserOperationLogCategoryPermissions;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.incidentdesk.system.CurrentUser;
import org.springframework.stereotype.Component;

/**
 * What each kind of group may do in the engine, written as Camunda authorizations and
 * Tasklist filters. Every method is idempotent: it adds what is missing and leaves the
 * rest, so it can run at every start and again for an existing group.
 * <ul>
 * <li>Work groups (service desk, support teams, vendors, technicians, incident managers)
 * use Tasklist and see only the tasks they are candidates for; Camunda grants that per
 * task when the process adds the candidate group. They read (never change) the incident
 * processes of the tenants they serve, as they read those incidents in the API.</li>
 * <li>Overseers (incident managers, service delivery managers, auditors) read every
 * incident's process and history in Cockpit, and change nothing there.</li>
 * <li>Callers have no access to any Camunda webapp or to the engine's data.</li>
 * </ul>
 */
@Component
public class AccessModel {

	/** The overseeing groups, which read every process and its history in Cockpit. */
	static final List<String> OVERSEERS = List.of(CurrentUser.INCIDENT_MANAGERS, CurrentUser.SERVICE_DELIVERY_MANAGERS,
			CurrentUser.AUDITORS);

	/** The groups that serve every tenant, whichever support teams a tenant has. */
	static final List<String> SERVE_EVERY_TENANT = List.of(CurrentUser.SERVICE_DESK, CurrentUser.INCIDENT_MANAGERS,
			CurrentUser.SERVICE_DELIVERY_MANAGERS, CurrentUser.AUDITORS);

	static final String WORK_GROUP_TYPE = "WORKFLOW";

	/** The filter property that names the group whose filter it is. */
	static final String FILTER_GROUP = "incidentDeskGroup";

	private final IdentityService identity;

	private final AuthorizationService authorizations;

	private final FilterService filters;

	private final TaskService tasks;

	/** The process work groups work in Tasklist; its module provides it. */
	private final TasklistProcess process;

	AccessModel(IdentityService identity, AuthorizationService authorizations, FilterService filters, TaskService tasks,
			TasklistProcess process) {
		this.process = process;
		this.identity = identity;
		this.authorizations = authorizations;
		this.filters = filters;
		this.tasks = tasks;
	}

	/**
	 * The groups every installation has, with their grants: callers, organisation
	 * viewers, the service desk and the overseers.
	 */
	public void ensureBuiltInGroups() {
		group(CurrentUser.CUSTOMERS, "Callers of the customer organisations");
		group(CurrentUser.ORGANISATION_VIEWERS, "Callers who see their whole organisation's incidents");
		workGroup(CurrentUser.SERVICE_DESK, "Service desk");
		grant(CurrentUser.SERVICE_DESK, Resources.PROCESS_DEFINITION, this.process.definitionKey(),
				Permissions.CREATE_INSTANCE);
		grant(CurrentUser.SERVICE_DESK, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.CREATE);
		workGroup(CurrentUser.INCIDENT_MANAGERS, "Incident managers");
		group(CurrentUser.SERVICE_DELIVERY_MANAGERS, "Service delivery managers");
		group(CurrentUser.AUDITORS, "Auditors");
		group(CurrentUser.MONITORING, "Monitoring systems (read the metrics)");
		for (String overseer : OVERSEERS) {
			grant(overseer, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
			grant(overseer, Resources.PROCESS_DEFINITION, Authorization.ANY, Permissions.READ,
					Permissions.READ_INSTANCE, Permissions.READ_HISTORY, Permissions.READ_TASK);
			grant(overseer, Resources.DECISION_DEFINITION, Authorization.ANY, Permissions.READ,
					Permissions.READ_HISTORY);
			grant(overseer, Resources.DECISION_REQUIREMENTS_DEFINITION, Authorization.ANY, Permissions.READ);
			grant(overseer, Resources.DEPLOYMENT, Authorization.ANY, Permissions.READ);
			grant(overseer, Resources.OPERATION_LOG_CATEGORY, Authorization.ANY,
					UserOperationLogCategoryPermissions.READ);
		}
	}

	/**
	 * Users made before {@link UsersReadTheirOwnProfile} hold Camunda's default ALL on
	 * their own record; this brings them to READ, as new users get.
	 */
	public void ownProfilesReadOnly() {
		for (Authorization grant : this.authorizations.createAuthorizationQuery()
			.resourceType(Resources.USER)
			.authorizationType(Authorization.AUTH_TYPE_GRANT)
			.list()) {
			boolean own = grant.getUserId() != null && grant.getUserId().equals(grant.getResourceId());
			if (own && (grant.isPermissionGranted(Permissions.UPDATE) || grant.isPermissionGranted(Permissions.DELETE))
					&& !isAdministrator(grant.getUserId())) {
				grant.setPermissions(new Permission[] { Permissions.READ });
				this.authorizations.saveAuthorization(grant);
			}
		}
	}

	private boolean isAdministrator(String userId) {
		// Asked of the identity service: there is no signed-in user here, only a grant.
		return this.identity.createGroupQuery().groupMember(userId).groupId(CurrentUser.ADMINISTRATORS).count() > 0;
	}

	/**
	 * A group that works incidents in Tasklist: access to Tasklist, the process and its
	 * forms, and a filter with the group's open tasks.
	 */
	public void workGroup(String groupId, String name) {
		group(groupId, name);
		grant(groupId, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
		// READ_INSTANCE: Tasklist's list cards show the incident's process
		// variables (number, summary); the tenant check still keeps other tenants'
		// instances out of sight.
		grant(groupId, Resources.PROCESS_DEFINITION, this.process.definitionKey(), Permissions.READ,
				Permissions.READ_INSTANCE);
		// Camunda Forms are deployment resources; Tasklist reads them through the
		// deployment.
		grant(groupId, Resources.DEPLOYMENT, Authorization.ANY, Permissions.READ);
		String filterName = (name != null && !name.isBlank()) ? name : groupId;
		if (!hasFilter(groupId, filterName)) {
			Filter filter = this.filters.newTaskFilter(filterName)
				.setProperties(Map.of(FILTER_GROUP, groupId, "description", "Open tasks of " + groupId, "refresh", true,
						"priority", 0, "variables", this.process.filterVariables()))
				.setQuery(this.tasks.createTaskQuery().taskCandidateGroup(groupId).includeAssignedTasks());
			this.filters.saveFilter(filter);
			grant(groupId, Resources.FILTER, filter.getId(), Permissions.READ);
		}
	}

	/**
	 * Brings the work groups' filters made before to the list card variables of now: they
	 * come first, in their order; variables an administrator added to a filter stay after
	 * them, and those the cards showed before and show no more are dropped.
	 */
	public void cardVariablesUpToDate() {
		List<String> formerCardVariables = this.process.formerCardVariables();
		List<Map<String, String>> ours = this.process.filterVariables();
		List<String> names = this.process.cardVariableNames();
		for (Filter filter : this.filters.createFilterQuery().filterResourceType("Task").list()) {
			Map<String, Object> properties = filter.getProperties();
			if (properties == null || properties.get(FILTER_GROUP) == null) {
				continue;
			}
			List<Map<String, String>> variables = new ArrayList<>(ours);
			if (properties.get("variables") instanceof List<?> theirs) {
				for (Object variable : theirs) {
					if (variable instanceof Map<?, ?> map && map.get("name") instanceof String name
							&& !names.contains(name) && !formerCardVariables.contains(name)) {
						variables.add(Map.of("name", name, "label", String.valueOf(map.get("label"))));
					}
				}
			}
			if (!variables.equals(properties.get("variables"))) {
				Map<String, Object> updated = new HashMap<>(properties);
				updated.put("variables", variables);
				filter.setProperties(updated);
				this.filters.saveFilter(filter);
			}
		}
	}

	/**
	 * A group's filter is marked with the group's id, so another filter of the same name
	 * (an administrator's, another team's) is not taken for it. Filters made before the
	 * mark existed are known by their name.
	 */
	private boolean hasFilter(String groupId, String filterName) {
		return filterOf(groupId).isPresent() || this.filters.createFilterQuery()
			.filterName(filterName)
			.list()
			.stream()
			.anyMatch(filter -> filter.getProperties() == null || filter.getProperties().get(FILTER_GROUP) == null);
	}

	/** The Tasklist filter of a work group's open tasks, if it has one. */
	public Optional<Filter> filterOf(String groupId) {
		return this.filters.createFilterQuery()
			.filterResourceType("Task")
			.list()
			.stream()
			.filter(filter -> filter.getProperties() != null
					&& groupId.equals(filter.getProperties().get(FILTER_GROUP)))
			.findFirst();
	}

	/** Makes the group serve the tenant: its members see the tenant's incidents. */
	public void serve(String tenantId, String groupId) {
		if (this.identity.createGroupQuery().groupId(groupId).memberOfTenant(tenantId).count() == 0) {
			this.identity.createTenantGroupMembership(tenantId, groupId);
		}
	}

	void group(String id, String name) {
		if (this.identity.createGroupQuery().groupId(id).count() > 0) {
			return;
		}
		Group group = this.identity.newGroup(id);
		group.setName(name);
		group.setType(WORK_GROUP_TYPE);
		this.identity.saveGroup(group);
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
		boolean changed = grant.getId() == null;
		for (Permission permission : permissions) {
			if (!grant.isPermissionGranted(permission)) {
				grant.addPermission(permission);
				changed = true;
			}
		}
		if (changed) {
			this.authorizations.saveAuthorization(grant);
		}
	}

}

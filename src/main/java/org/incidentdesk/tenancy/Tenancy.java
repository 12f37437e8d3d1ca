package org.incidentdesk.tenancy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.PasswordPolicy;
import org.camunda.bpm.engine.identity.PasswordPolicyResult;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.incidentdesk.system.CurrentUser;
import org.incidentdesk.system.PasswordRules;
import org.incidentdesk.system.SignInLocks;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates customer organisations, provider teams and users in Camunda's identity service,
 * the one user store, together with what they may do ({@link AccessModel}). Each request
 * is one transaction: a refused request leaves nothing behind.
 */
@Service
@Transactional
public class Tenancy {

	/** The ids Camunda accepts here (see general-resource-whitelist-pattern). */
	private static final Pattern ID = Pattern.compile("[a-zA-Z0-9]+([-_.][a-zA-Z0-9]+)*");

	/** The most users one page of {@code GET /api/v1/admin/users} lists. */
	static final int MAX_PAGE_SIZE = 200;

	/** Groups whose membership means something else than "works for the provider". */
	private static final List<String> NOT_PROVIDER_GROUPS = List.of(CurrentUser.CUSTOMERS,
			CurrentUser.ORGANISATION_VIEWERS, CurrentUser.MONITORING);

	private final IdentityService identity;

	private final AccessModel access;

	private final SignInLocks locks;

	Tenancy(IdentityService identity, AccessModel access, SignInLocks locks) {
		this.identity = identity;
		this.access = access;
		this.locks = locks;
	}

	TenantView createTenant(NewTenant request) {
		checkId("Tenant id", request.id());
		if (tenant(request.id()) != null) {
			throw TenancyRequestException.conflict("There is already a tenant '" + request.id()
					+ "'. Choose another id, or complete a tenant created in Camunda Admin with POST /api/v1/admin/tenants/"
					+ request.id() + "/provisioning.");
		}
		if (this.identity.createGroupQuery().groupId(CurrentUser.techniciansOf(request.id())).count() > 0) {
			throw TenancyRequestException.conflict("The group '" + CurrentUser.techniciansOf(request.id())
					+ "' exists already, so this tenant's technician group cannot be created. Choose another id.");
		}
		List<String> teams = providerGroups(request.servedBy());
		Tenant tenant = this.identity.newTenant(request.id());
		tenant.setName(request.name().trim());
		this.identity.saveTenant(tenant);
		provision(request.id(), teams);
		return view(tenant);
	}

	/**
	 * Completes a tenant that was created elsewhere (Camunda Admin): its technician
	 * group, the groups that serve every tenant, and their grants. Running it again
	 * changes nothing.
	 */
	TenantView provisionTenant(String tenantId) {
		Tenant tenant = existingTenant(tenantId);
		provision(tenantId, List.of());
		return view(tenant);
	}

	/**
	 * Creates a tenant with its technician group and the given serving groups (for the
	 * demo world and for tests); does nothing to a tenant that exists.
	 */
	public void ensureTenant(String id, String name, List<String> servedBy) {
		if (tenant(id) == null) {
			createTenant(new NewTenant(id, name, servedBy));
		}
	}

	/**
	 * Creates a provider team serving no tenant yet (for the demo world and for tests);
	 * does nothing to a group that exists.
	 */
	public void ensureTeam(String id, String name) {
		if (this.identity.createGroupQuery().groupId(id).count() == 0) {
			createTeam(new NewTeam(id, name, List.of()));
		}
	}

	/** Whether there is a customer organisation with this id. */
	public boolean tenantExists(String id) {
		return id != null && tenant(id) != null;
	}

	/** The customer organisations' names by id, sorted by id. */
	public SortedMap<String, String> tenantNames() {
		SortedMap<String, String> names = new TreeMap<>();
		this.identity.createTenantQuery().list().forEach(tenant -> names.put(tenant.getId(), tenant.getName()));
		return names;
	}

	/** The groups' names by id (teams, vendors and the built-in groups), sorted by id. */
	public SortedMap<String, String> groupNames() {
		SortedMap<String, String> names = new TreeMap<>();
		this.identity.createGroupQuery().list().forEach(group -> names.put(group.getId(), group.getName()));
		return names;
	}

	List<TenantView> tenants() {
		return this.identity.createTenantQuery().orderByTenantId().asc().list().stream().map(this::view).toList();
	}

	TenantView tenantView(String tenantId) {
		return view(existingTenant(tenantId));
	}

	void serve(String tenantId, String groupId) {
		existingTenant(tenantId);
		this.access.serve(tenantId, providerGroups(List.of(groupId)).get(0));
	}

	void stopServing(String tenantId, String groupId) {
		existingTenant(tenantId);
		if (AccessModel.SERVE_EVERY_TENANT.contains(groupId)) {
			throw TenancyRequestException.invalid("'" + groupId + "' serves every tenant and cannot be removed. "
					+ "Groups that can be removed are support teams and vendors.");
		}
		if (groupId.equals(CurrentUser.techniciansOf(tenantId))) {
			throw TenancyRequestException.invalid("'" + groupId + "' is the tenant's own technician group.");
		}
		if (this.identity.createGroupQuery().groupId(groupId).memberOfTenant(tenantId).count() == 0) {
			throw TenancyRequestException.notFound("'" + groupId + "' does not serve tenant '" + tenantId + "'.");
		}
		this.identity.deleteTenantGroupMembership(tenantId, groupId);
	}

	TeamView createTeam(NewTeam request) {
		checkId("Team id", request.id());
		if (this.identity.createGroupQuery().groupId(request.id()).count() > 0) {
			throw TenancyRequestException.conflict("There is already a group '" + request.id() + "'.");
		}
		if (reserved(request.id())) {
			throw TenancyRequestException.invalid("'" + request.id() + "' is reserved: "
					+ "technician groups are created with their tenant, and the built-in groups exist already.");
		}
		request.tenants().forEach(this::existingTenant);
		this.access.workGroup(request.id(), request.name().trim());
		request.tenants().forEach(tenant -> this.access.serve(tenant, request.id()));
		return team(this.identity.createGroupQuery().groupId(request.id()).singleResult());
	}

	List<TeamView> teams() {
		return this.identity.createGroupQuery()
			.orderByGroupId()
			.asc()
			.list()
			.stream()
			.filter(group -> !NOT_PROVIDER_GROUPS.contains(group.getId())
					&& !CurrentUser.ADMINISTRATORS.equals(group.getId()))
			.map(this::team)
			.toList();
	}

	UserView createUser(NewUser request) {
		checkId("User id", request.id());
		if (this.identity.createUserQuery().userId(request.id()).count() > 0) {
			throw TenancyRequestException.conflict("There is already a user '" + request.id() + "'.");
		}
		List<String> groups = new ArrayList<>();
		String tenantId = null;
		switch (request.role()) {
			case CALLER -> {
				tenantId = existingTenant(requireTenant(request)).getId();
				groups.add(CurrentUser.CUSTOMERS);
				if (request.organisationViewer()) {
					groups.add(CurrentUser.ORGANISATION_VIEWERS);
				}
			}
			case TECHNICIAN -> {
				String tenant = existingTenant(requireTenant(request)).getId();
				groups.add(CurrentUser.techniciansOf(tenant));
			}
			case STAFF -> {
				if (request.tenantId() != null) {
					throw TenancyRequestException.invalid("Staff belong to no tenant; they serve tenants through their "
							+ "groups. Leave out tenantId, or use role CALLER or TECHNICIAN.");
				}
				if (request.groups().isEmpty()) {
					throw TenancyRequestException
						.invalid("Give the staff member at least one provider group in groups.");
				}
				// A monitoring system's account is made like staff, but serves no tenant.
				groups.addAll(providerGroups(
						request.groups().stream().filter(group -> !CurrentUser.MONITORING.equals(group)).toList()));
				if (request.groups().contains(CurrentUser.MONITORING)) {
					groups.add(CurrentUser.MONITORING);
				}
			}
		}
		if (request.role() != NewUser.Role.STAFF && !request.groups().isEmpty()) {
			throw TenancyRequestException.invalid("Only staff get groups; a " + request.role().name().toLowerCase()
					+ "'s groups follow from the role and tenant.");
		}
		if (request.organisationViewer() && request.role() != NewUser.Role.CALLER) {
			throw TenancyRequestException.invalid("Only callers can be organisation viewers.");
		}
		User user = this.identity.newUser(request.id());
		user.setFirstName(request.firstName().trim());
		user.setLastName(request.lastName().trim());
		user.setEmail(request.email().trim());
		checkPassword(request.password(), user);
		user.setPassword(request.password());
		this.identity.saveUser(user);
		for (String group : groups) {
			this.identity.createMembership(user.getId(), group);
		}
		if (tenantId != null) {
			this.identity.createTenantUserMembership(tenantId, user.getId());
		}
		if (request.locale() != null) {
			this.identity.setUserInfo(user.getId(), "locale", request.locale());
		}
		return new UserView(user.getId(), user.getFirstName(), user.getLastName(), user.getEmail(), List.copyOf(groups),
				(tenantId != null) ? List.of(tenantId) : List.of(), this.locks.lockOf(user));
	}

	UserView userView(String userId) {
		return view(existingUser(userId));
	}

	/** Users by id, a page at a time; only those locked now if asked. */
	List<UserView> users(boolean lockedOnly, int page, int size) {
		if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
			throw TenancyRequestException
				.invalid("Ask for page 0 or later and a size from 1 to " + MAX_PAGE_SIZE + ".");
		}
		List<User> users = lockedOnly ? this.locks.lockedUsers(page * size, size)
				: this.identity.createUserQuery().orderByUserId().asc().listPage(page * size, size);
		return users.stream().map(this::view).toList();
	}

	/**
	 * Lifts the user's sign-in lock and forgets the failed attempts, so the next sign-in
	 * with the right password works at once. Nothing happens to a user who is not locked.
	 */
	void unlock(String userId) {
		existingUser(userId);
		this.identity.unlockUser(userId);
	}

	private void provision(String tenantId, List<String> teams) {
		String technicians = CurrentUser.techniciansOf(tenantId);
		this.access.workGroup(technicians, "On-site technicians of " + tenantId);
		this.access.serve(tenantId, technicians);
		for (String group : AccessModel.SERVE_EVERY_TENANT) {
			this.access.serve(tenantId, group);
		}
		for (String team : teams) {
			this.access.serve(tenantId, team);
		}
	}

	/**
	 * Checks the password against Camunda's password policy when it is on, so a refusal
	 * names the rules that failed instead of the engine's bare "does not match policy".
	 */
	private void checkPassword(String password, User user) {
		PasswordPolicy policy = this.identity.getPasswordPolicy();
		if (policy == null) {
			return;
		}
		PasswordPolicyResult result = this.identity.checkPasswordAgainstPolicy(policy, password, user);
		if (!result.isValid()) {
			throw TenancyRequestException.invalid(PasswordRules.refusal(result.getViolatedRules()));
		}
	}

	private String requireTenant(NewUser request) {
		if (request.tenantId() == null || request.tenantId().isBlank()) {
			throw TenancyRequestException
				.invalid("A " + request.role().name().toLowerCase() + " belongs to one tenant: give tenantId.");
		}
		return request.tenantId();
	}

	/** Checks that each group exists and works for the provider. */
	private List<String> providerGroups(List<String> groupIds) {
		List<String> groups = new ArrayList<>();
		for (String groupId : groupIds) {
			if (this.identity.createGroupQuery().groupId(groupId).count() == 0) {
				throw TenancyRequestException.invalid("There is no group '" + groupId
						+ "'. Create the team first with POST /api/v1/admin/teams, or list them with GET /api/v1/admin/teams.");
			}
			if (NOT_PROVIDER_GROUPS.contains(groupId) || groupId.startsWith(CurrentUser.TECHNICIANS_PREFIX)
					|| CurrentUser.ADMINISTRATORS.equals(groupId)) {
				throw TenancyRequestException.invalid("'" + groupId + "' is not a provider team: callers, "
						+ "technicians and administrators do not serve tenants.");
			}
			groups.add(groupId);
		}
		return groups;
	}

	private static boolean reserved(String groupId) {
		return NOT_PROVIDER_GROUPS.contains(groupId) || groupId.startsWith(CurrentUser.TECHNICIANS_PREFIX)
				|| CurrentUser.ADMINISTRATORS.equals(groupId) || AccessModel.SERVE_EVERY_TENANT.contains(groupId);
	}

	private static void checkId(String what, String id) {
		if (!ID.matcher(id).matches()) {
			throw TenancyRequestException.invalid(what + " '" + id
					+ "' is not allowed: use letters and digits, with single '-', '_' or '.' between them (acme, globex-id).");
		}
	}

	private Tenant tenant(String id) {
		return this.identity.createTenantQuery().tenantId(id).singleResult();
	}

	private Tenant existingTenant(String id) {
		Tenant tenant = tenant(id);
		if (tenant == null) {
			throw TenancyRequestException
				.notFound("There is no tenant '" + id + "'. List them with GET /api/v1/admin/tenants.");
		}
		return tenant;
	}

	private User existingUser(String id) {
		User user = this.identity.createUserQuery().userId(id).singleResult();
		if (user == null) {
			throw TenancyRequestException.notFound("There is no user '" + id + "'.");
		}
		return user;
	}

	private UserView view(User user) {
		List<String> groups = this.identity.createGroupQuery()
			.groupMember(user.getId())
			.orderByGroupId()
			.asc()
			.list()
			.stream()
			.map(Group::getId)
			.toList();
		List<String> tenants = this.identity.createTenantQuery()
			.userMember(user.getId())
			.orderByTenantId()
			.asc()
			.list()
			.stream()
			.map(Tenant::getId)
			.toList();
		return new UserView(user.getId(), user.getFirstName(), user.getLastName(), user.getEmail(), groups, tenants,
				this.locks.lockOf(user));
	}

	private TenantView view(Tenant tenant) {
		List<String> servedBy = this.identity.createGroupQuery()
			.memberOfTenant(tenant.getId())
			.list()
			.stream()
			.map(Group::getId)
			.sorted(Comparator.naturalOrder())
			.toList();
		String technicians = CurrentUser.techniciansOf(tenant.getId());
		long callers = this.identity.createUserQuery()
			.memberOfTenant(tenant.getId())
			.memberOfGroup(CurrentUser.CUSTOMERS)
			.count();
		return new TenantView(tenant.getId(), tenant.getName(), servedBy.contains(technicians) ? technicians : null,
				servedBy.stream().filter(group -> !group.equals(technicians)).toList(), callers);
	}

	private TeamView team(Group group) {
		List<String> tenants = this.identity.createTenantQuery()
			.groupMember(group.getId())
			.orderByTenantId()
			.asc()
			.list()
			.stream()
			.map(Tenant::getId)
			.toList();
		long members = this.identity.createUserQuery().memberOfGroup(group.getId()).count();
		return new TeamView(group.getId(), group.getName(), tenants, members);
	}

}

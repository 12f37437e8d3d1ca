package org.incidentdesk.tenancy;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The administrators' API for customer organisations, provider teams and users. Only
 * members of {@code camunda-admin} get through (the security chain guards all of
 * {@code /api/v1/admin}). Camunda Admin edits the same data.
 */
@RestController
@RequestMapping("/api/v1/admin")
@Tag(name = "Administration", description = "Tenants, teams and users")
class TenancyController {

	private final Tenancy tenancy;

	TenancyController(Tenancy tenancy) {
		this.tenancy = tenancy;
	}

	@PostMapping("/tenants")
	@Operation(summary = "Create a customer organisation",
			description = "Creates the tenant and its on-site technician group technicians-<id>. The service desk, "
					+ "incident managers, service delivery managers and auditors serve every tenant; servedBy adds "
					+ "support teams and vendors.")
	ResponseEntity<TenantView> createTenant(@Valid @RequestBody NewTenant request) {
		TenantView tenant = this.tenancy.createTenant(request);
		return ResponseEntity.created(URI.create("/api/v1/admin/tenants/" + tenant.id())).body(tenant);
	}

	@PostMapping("/tenants/{tenantId}/provisioning")
	@Operation(summary = "Complete a tenant created in Camunda Admin",
			description = "Adds what is missing (technician group, serving groups, Tasklist grants and filter); "
					+ "running it again changes nothing.")
	TenantView provision(@PathVariable String tenantId) {
		return this.tenancy.provisionTenant(tenantId);
	}

	@GetMapping("/tenants")
	@Operation(summary = "List the customer organisations")
	List<TenantView> tenants() {
		return this.tenancy.tenants();
	}

	@GetMapping("/tenants/{tenantId}")
	@Operation(summary = "Read a customer organisation")
	TenantView tenant(@PathVariable String tenantId) {
		return this.tenancy.tenantView(tenantId);
	}

	@PutMapping("/tenants/{tenantId}/serving-groups/{groupId}")
	@Operation(summary = "Let a support team or vendor serve the tenant")
	ResponseEntity<Void> serve(@PathVariable String tenantId, @PathVariable String groupId) {
		this.tenancy.serve(tenantId, groupId);
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping("/tenants/{tenantId}/serving-groups/{groupId}")
	@Operation(summary = "Stop a support team or vendor serving the tenant")
	ResponseEntity<Void> stopServing(@PathVariable String tenantId, @PathVariable String groupId) {
		this.tenancy.stopServing(tenantId, groupId);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/teams")
	@Operation(summary = "Create a provider team (support team, vendor or further team)",
			description = "The team gets Tasklist access and a filter with its open tasks, and serves the listed "
					+ "tenants. Name it as the routing table does (processes/IncidentRouting.dmn).")
	ResponseEntity<TeamView> createTeam(@Valid @RequestBody NewTeam request) {
		TeamView team = this.tenancy.createTeam(request);
		return ResponseEntity.created(URI.create("/api/v1/admin/teams/" + team.id())).body(team);
	}

	@GetMapping("/teams")
	@Operation(summary = "List the provider's groups and the tenants they serve")
	List<TeamView> teams() {
		return this.tenancy.teams();
	}

	@PostMapping("/users")
	@Operation(summary = "Create a caller, a technician or a staff member",
			description = "The password must meet the password policy; the answer names any rule it breaks.")
	ResponseEntity<UserView> createUser(@Valid @RequestBody NewUser request) {
		UserView user = this.tenancy.createUser(request);
		return ResponseEntity.created(URI.create("/api/v1/admin/users/" + user.id())).body(user);
	}

	@GetMapping("/users")
	@Operation(summary = "List users by id, with their sign-in locks",
			description = "locked=true lists only the users whose account is locked now after wrong passwords. "
					+ "Pages of size users (at most 200), from page 0.")
	List<UserView> users(@RequestParam(defaultValue = "false") boolean locked,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		return this.tenancy.users(locked, page, size);
	}

	@GetMapping("/users/{userId}")
	@Operation(summary = "Read a user, with failed sign-ins and lock",
			description = "lock.locked says whether the account refuses every sign-in now, lock.lockedUntil until "
					+ "when, lock.failedAttempts how many wrong passwords came since the last sign-in.")
	UserView user(@PathVariable String userId) {
		return this.tenancy.userView(userId);
	}

	@DeleteMapping("/users/{userId}/lock")
	@Operation(summary = "Lift a user's sign-in lock",
			description = "The right password works again at once and the failed attempts are forgotten. "
					+ "Answers 204 also when the user was not locked.")
	ResponseEntity<Void> unlock(@PathVariable String userId) {
		this.tenancy.unlock(userId);
		return ResponseEntity.noContent().build();
	}

}

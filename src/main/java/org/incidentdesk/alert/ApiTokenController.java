package org.incidentdesk.alert;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.incidentdesk.system.CurrentUser;
import org.incidentdesk.system.RefusedRequestException;
import org.incidentdesk.tenancy.AccessPolicy;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Administrators create, list and revoke the API tokens machine clients use. Signed in
 * like the rest of the API (HTTP Basic); only members of
 * {@value CurrentUser#ADMINISTRATORS} get through.
 */
@RestController
@RequestMapping("/api/v1/admin/api-tokens")
@Tag(name = "API tokens", description = "Tokens for machine clients such as Prometheus Alertmanager")
class ApiTokenController {

	private final ApiTokens tokens;

	ApiTokenController(ApiTokens tokens) {
		this.tokens = tokens;
	}

	@PostMapping
	@Operation(summary = "Create a token acting as a service account of a tenant",
			description = "The token is in the response only this once; only its hash is stored.")
	ResponseEntity<IssuedToken> create(@Valid @RequestBody NewApiToken request,
			@AuthenticationPrincipal CurrentUser user) {
		requireAdministrator(user);
		IssuedToken issued = this.tokens.issue(request.tenantId(), request.userId(), request.name().trim(), user.id());
		return ResponseEntity.created(URI.create("/api/v1/admin/api-tokens/" + issued.id())).body(issued);
	}

	@GetMapping
	@Operation(summary = "List a tenant's tokens, without their secrets")
	List<ApiToken> list(@RequestParam @NotBlank @Size(max = 64) String tenantId,
			@AuthenticationPrincipal CurrentUser user) {
		requireAdministrator(user);
		return this.tokens.list(tenantId);
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Revoke a token; it is refused from then on")
	ResponseEntity<Void> revoke(@PathVariable long id, @AuthenticationPrincipal CurrentUser user) {
		requireAdministrator(user);
		if (this.tokens.find(id).isEmpty()) {
			throw RefusedRequestException.notFound(null,
					"There is no API token " + id + ". List the tenant's tokens for their ids.");
		}
		this.tokens.revoke(id);
		return ResponseEntity.noContent().build();
	}

	private static void requireAdministrator(CurrentUser user) {
		if (!AccessPolicy.isAdministrator(user)) {
			throw RefusedRequestException.notAllowed(null,
					"Only members of '" + CurrentUser.ADMINISTRATORS + "' manage API tokens.");
		}
	}

	/**
	 * @param userId the Camunda user the token acts as, a service account of the tenant
	 * @param name what the token is for, for example "Alertmanager production"
	 */
	record NewApiToken(@NotBlank @Size(max = 64) String tenantId, @NotBlank @Size(max = 64) String userId,
			@NotBlank @Size(max = 100) String name) {
	}

}

package org.incidentdesk.tenancy;

import java.util.List;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A user to create in Camunda's identity service.
 *
 * @param role what the user is: a caller or technician of one tenant, or provider staff
 * @param tenantId the caller's or technician's organisation; none for staff
 * @param groups the provider groups of a staff member
 * @param organisationViewer whether a caller also sees the organisation's other incidents
 * @param locale the language of the user's mail: {@code en} or {@code id}
 */
record NewUser(@NotBlank @Size(max = 64) String id, @NotBlank @Size(max = 100) String firstName,
		@NotBlank @Size(max = 100) String lastName, @NotBlank @Email @Size(max = 200) String email,
		@Pattern(regexp = "en|id", message = "must be en or id") String locale,
		@NotBlank @Size(max = 200) String password, @NotNull Role role, @Size(max = 40) String tenantId,
		@Size(max = 50) List<@NotBlank @Size(max = 64) String> groups, boolean organisationViewer) {

	NewUser {
		groups = (groups != null) ? List.copyOf(groups) : List.of();
	}

	enum Role {

		CALLER, TECHNICIAN, STAFF

	}

}

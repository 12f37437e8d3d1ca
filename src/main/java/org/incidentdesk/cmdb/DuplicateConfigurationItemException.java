package org.incidentdesk.cmdb;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The tenant already has a configuration item of that name (names are compared ignoring
 * case, as incidents look items up by name). Leaves the API as a 409 problem detail.
 */
public class DuplicateConfigurationItemException extends ErrorResponseException {

	public DuplicateConfigurationItemException(String tenantId, String name, long existingId) {
		super(HttpStatus.CONFLICT, problem(tenantId, name, existingId), null);
	}

	private static ProblemDetail problem(String tenantId, String name, long existingId) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"Tenant " + tenantId + " already has a configuration item named '" + name + "' (id " + existingId
						+ "). Choose another name, or change the existing item.");
		problem.setTitle("Configuration item name taken");
		problem.setProperty("existingId", existingId);
		return problem;
	}

}

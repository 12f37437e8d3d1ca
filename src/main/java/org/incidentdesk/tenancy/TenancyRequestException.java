package org.incidentdesk.tenancy;

import org.incidentdesk.system.DomainException;

/** A tenancy request an administrator can correct; the message says how. */
class TenancyRequestException extends DomainException {

	private TenancyRequestException(Kind kind, String title, String detail) {
		super(kind, title, detail);
	}

	static TenancyRequestException invalid(String detail) {
		return new TenancyRequestException(Kind.INVALID, "Invalid request", detail);
	}

	static TenancyRequestException notFound(String detail) {
		return new TenancyRequestException(Kind.NOT_FOUND, "Not found", detail);
	}

	static TenancyRequestException conflict(String detail) {
		return new TenancyRequestException(Kind.CONFLICT, "Already exists", detail);
	}

}

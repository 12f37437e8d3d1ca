package org.incidentdesk.system;

/**
 * A request refused for what it asks, not for the state of a thing of the domain: a
 * parameter that cannot be read, a user who may not use the function, a thing that is not
 * there for them. Modules with a refusal of their own (an incident's state, a
 * configuration item's name) throw their own {@link DomainException}; this one is for the
 * rest, so that no controller builds an HTTP answer itself.
 */
public final class RefusedRequestException extends DomainException {

	private RefusedRequestException(Kind kind, String title, String detail) {
		super(kind, title, detail);
	}

	/** The request is wrong and can be corrected; {@code title} may be {@code null}. */
	public static RefusedRequestException invalid(String title, String detail) {
		return new RefusedRequestException(Kind.INVALID, title, detail);
	}

	/** The user may not do this; {@code title} may be {@code null}. */
	public static RefusedRequestException notAllowed(String title, String detail) {
		return new RefusedRequestException(Kind.NOT_ALLOWED, title, detail);
	}

	/**
	 * There is no such thing, or none the user may see; {@code title} may be
	 * {@code null}.
	 */
	public static RefusedRequestException notFound(String title, String detail) {
		return new RefusedRequestException(Kind.NOT_FOUND, title, detail);
	}

	/** The request conflicts with another one; {@code title} may be {@code null}. */
	public static RefusedRequestException conflict(String title, String detail) {
		return new RefusedRequestException(Kind.CONFLICT, title, detail);
	}

	/** The content is larger than allowed; {@code title} may be {@code null}. */
	public static RefusedRequestException tooLarge(String title, String detail) {
		return new RefusedRequestException(Kind.TOO_LARGE, title, detail);
	}

	/**
	 * The request is well formed but contradicts an earlier one it claims to repeat;
	 * {@code title} may be {@code null}.
	 */
	public static RefusedRequestException contradicts(String title, String detail) {
		return new RefusedRequestException(Kind.CONTRADICTS, title, detail);
	}

	/** Adds a fact to the answer (a member beside title and detail). */
	public RefusedRequestException with(String name, Object value) {
		property(name, value);
		return this;
	}

}

package org.incidentdesk.system;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the domain refuses, said in the domain's words: what kind of refusal it is, a
 * title and a detail a person can act on, and any facts that help (the errors found, the
 * id that already exists). It carries no HTTP status; {@code ApiExceptionHandler} maps it
 * to an RFC 9457 problem detail in one place, so a delegate or a service can throw it
 * without knowing who asked.
 */
public abstract class DomainException extends RuntimeException {

	/** What kind of refusal it is. */
	public enum Kind {

		/** The request is wrong and can be corrected. */
		INVALID,
		/** The thing does not exist, or the user may not see it. */
		NOT_FOUND,
		/** The thing's state does not allow it now, or it exists already. */
		CONFLICT,
		/** The content is larger than allowed. */
		TOO_LARGE,
		/** The content's type is not allowed. */
		UNSUPPORTED_TYPE,
		/**
		 * The user may not do this: they may see the thing but not do this to it, or they
		 * may not use the function at all.
		 */
		NOT_ALLOWED,
		/**
		 * The request is well formed but contradicts an earlier one it claims to repeat
		 * (an idempotency key sent again with another request).
		 */
		CONTRADICTS

	}

	private final Kind kind;

	private final String title;

	private final Map<String, Object> properties = new LinkedHashMap<>();

	protected DomainException(Kind kind, String title, String detail) {
		super(detail);
		this.kind = kind;
		this.title = title;
	}

	/** Adds a fact to the problem detail (a member beside title and detail). */
	protected final void property(String name, Object value) {
		this.properties.put(name, value);
	}

	public Kind kind() {
		return this.kind;
	}

	/** A short title, or {@code null} for the status's own. */
	public String title() {
		return this.title;
	}

	public Map<String, Object> properties() {
		return Collections.unmodifiableMap(this.properties);
	}

}

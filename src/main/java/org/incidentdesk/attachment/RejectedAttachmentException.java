package org.incidentdesk.attachment;

import org.incidentdesk.system.DomainException;

/** A file that cannot be attached: empty, too large, or of a type not allowed. */
public class RejectedAttachmentException extends DomainException {

	private final Reason reason;

	RejectedAttachmentException(Reason reason, String detail) {
		super(reason.kind, null, detail);
		this.reason = reason;
	}

	public Reason reason() {
		return this.reason;
	}

	public enum Reason {

		EMPTY(Kind.INVALID), TOO_LARGE(Kind.TOO_LARGE), TYPE_NOT_ALLOWED(Kind.UNSUPPORTED_TYPE);

		private final Kind kind;

		Reason(Kind kind) {
			this.kind = kind;
		}

	}

}

package org.incidentdesk.attachment;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A file that cannot be attached: empty, too large, or of a type not allowed. */
public class RejectedAttachmentException extends ErrorResponseException {

	private final Reason reason;

	RejectedAttachmentException(Reason reason, HttpStatus status, String detail) {
		super(status, ProblemDetail.forStatusAndDetail(status, detail), null);
		this.reason = reason;
	}

	/** Why, for pages that say it in the reader's language. */
	public Reason reason() {
		return this.reason;
	}

	/** Why a file was refused. */
	public enum Reason {

		EMPTY, TOO_LARGE, TYPE_NOT_ALLOWED

	}

}

package org.incidentdesk.incident;

/**
 * What happened to an incident, for the features that react to it (the mail to callers
 * and teams, for one). The incident module publishes these past-tense events
 * synchronously, inside the transaction of the change, so that a listener that stores
 * something (the mail outbox) stores it in that same transaction: the change and its
 * consequence are committed together or not at all.
 */
public final class IncidentEvents {

	private IncidentEvents() {
	}

	/** The incident went on hold. */
	public record PutOnHold(String number, String tenantId, HoldReason reason) {
	}

	/** The incident is no longer on hold. */
	public record TakenOffHold(String number, String tenantId) {
	}

	/** The incident is registered and its process runs. */
	public record Registered(String number) {
	}

	/** The service desk asked the caller a question and waits for the answer. */
	public record CallerInformationRequested(String number, String question) {
	}

	/**
	 * Somebody other than the caller added a customer-visible update (a comment, a hold,
	 * a resumption).
	 */
	public record PublicUpdateAdded(String number, String update) {
	}

	/** The incident is resolved and waits for the caller's confirmation. */
	public record Resolved(String number) {
	}

	/** The caller rejected the resolution and the work goes on. */
	public record Reopened(String number, String reason) {
	}

	public record Closed(String number) {
	}

	/** Withdrawn by the caller or cancelled as a duplicate. */
	public record Cancelled(String number) {
	}

	/** The work went to another team (escalation, transfer, dispatch, reassignment). */
	public record HandedOver(String number, String toGroup) {
	}

	public record MajorIncidentDeclared(String number) {
	}

	/** Nobody picked the incident up by its response due time. */
	public record ResponseOverdue(String number) {
	}

	/** The resolution due time is near (the SLA's warning point is reached). */
	public record ResolutionAtRisk(String number) {
	}

	/** The resolution due time has passed while the incident is still open. */
	public record ResolutionOverdue(String number) {
	}

	/** The caller rejected the resolution once more than the process accepts. */
	public record ResolutionRejectedRepeatedly(String number, int rejections) {
	}

}

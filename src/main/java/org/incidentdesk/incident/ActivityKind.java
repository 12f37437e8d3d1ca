package org.incidentdesk.incident;

/** What a timeline entry records. */
public enum ActivityKind {

	/** A customer-visible comment. */
	COMMENT,
	/** An internal note of the people working on the incident. */
	WORK_NOTE,
	/** A field of the record changed (field, old and new value). */
	FIELD_CHANGE,
	/** The work moved to another group. */
	HANDOVER,
	/** Escalation to the incident manager. */
	HIERARCHICAL_ESCALATION,
	/** An SLA target was warned about or missed. */
	SLA,
	/** Somebody was notified. */
	NOTIFICATION

}

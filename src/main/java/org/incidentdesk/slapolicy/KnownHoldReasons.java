package org.incidentdesk.slapolicy;

import java.util.List;

/**
 * The reasons an incident can be put on hold, which the SLA settings may name as pausing
 * the SLA clock. The module that owns the hold reasons ({@code incident}, whose
 * {@code HoldReason} they are) provides this as a bean, so that this module, which
 * {@code incident} uses, knows no incident of its own.
 *
 * @param names the hold reasons' names, in the order the API lists them
 */
public record KnownHoldReasons(List<String> names) {

	public KnownHoldReasons {
		names = List.copyOf(names);
	}

	boolean contains(String name) {
		return this.names.contains(name);
	}

}

package org.incidentdesk.system;

/** Looks for an exception of a given type in a cause chain. */
final class Causes {

	private Causes() {
	}

	static <T extends Throwable> T find(Throwable exception, Class<T> type) {
		for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return null;
	}

}

package org.incidentdesk.alert;

/**
 * What became of one alert of a notification.
 *
 * @param incidentNumber the incident the alert opened or was added to; absent when
 * ignored
 */
record AlertOutcome(String fingerprint, String incidentNumber, Action action) {

	enum Action {

		/** A new incident was opened. */
		OPENED,
		/**
		 * The alert fired again while its incident was still open or resolved: counted
		 * and noted.
		 */
		REPEATED,
		/**
		 * The alert's incident got a work note that monitoring reports the alert
		 * resolved.
		 */
		RESOLVED_NOTED,
		/** A resolved alert without an open incident: nothing to do. */
		IGNORED

	}

}

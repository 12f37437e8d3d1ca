package org.incidentdesk.audit;

import java.time.Duration;

import org.incidentdesk.audit.internal.ActivityHash;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The audit trail's settings ({@code incident-desk.audit}).
 *
 * @param chainKey the secret key of the timeline's hash chain (HMAC-SHA256), from the
 * environment ({@code INCIDENT_DESK_AUDIT_CHAIN_KEY}), never from a file in the
 * repository; without it the chain is plain SHA-256
 * @param chainKeyRequired whether the application refuses to start without a chain key
 * (true in the {@code postgres} profile)
 * @param historyTimeToLive when set, how long Camunda keeps the process history of a
 * closed incident (whole days); applied at start-up to every version of the incident
 * process and its decision tables, in place of the models' {@code historyTimeToLive}
 */
@ConfigurationProperties("incident-desk.audit")
record AuditSettings(String chainKey, @DefaultValue("false") boolean chainKeyRequired, Duration historyTimeToLive) {

	/**
	 * Shorter keys are guessable; 32 characters of a random string are 190 bits or more.
	 */
	static final int MIN_KEY_LENGTH = 32;

	static final String KEY_ENV = ActivityHash.KEY_ENV;

	AuditSettings {
		if (chainKey != null && chainKey.isBlank()) {
			chainKey = null;
		}
		if (chainKey == null && chainKeyRequired) {
			throw new IllegalStateException("The audit trail needs its chain key: set the environment variable "
					+ KEY_ENV + " (incident-desk.audit.chain-key) to a random secret of at least " + MIN_KEY_LENGTH
					+ " characters, e.g. the output of 'openssl rand -base64 48'. Without it anybody who can write "
					+ "the database could rewrite the incidents' timelines undetected.");
		}
		if (chainKey != null && chainKey.length() < MIN_KEY_LENGTH) {
			throw new IllegalStateException(KEY_ENV + " (incident-desk.audit.chain-key) is " + chainKey.length()
					+ " characters long; use a random secret of at least " + MIN_KEY_LENGTH + " characters.");
		}
		if (historyTimeToLive != null && (historyTimeToLive.isNegative()
				|| !historyTimeToLive.equals(Duration.ofDays(historyTimeToLive.toDays())))) {
			throw new IllegalStateException(
					"incident-desk.audit.history-time-to-live must be whole days, e.g. P365D; it is "
							+ historyTimeToLive + ".");
		}
	}

	/** Never prints the key. */
	@Override
	public String toString() {
		return "AuditSettings[chainKey=" + ((this.chainKey != null) ? "(set)" : "(none)") + ", chainKeyRequired="
				+ this.chainKeyRequired + ", historyTimeToLive=" + this.historyTimeToLive + "]";
	}

}

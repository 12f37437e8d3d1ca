package org.incidentdesk.notification;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.commons.codec.digest.DigestUtils;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.IncidentState;
import org.incidentdesk.incident.Incidents;
import org.incidentdesk.slapolicy.SlaPolicy;
import org.incidentdesk.system.EngineClock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one-time confirm and reject links of a resolution mail. A link carries a random
 * token of 256 bits; only its SHA-256 is stored, so the table (or a backup of it) opens
 * nothing. A token works once, until it expires, and only for the resolution it was
 * issued for: a reopen and a new resolution issue a new one and supersede the old.
 * <p>
 * Tokens are issued when the mail is rendered, because the token itself may exist only in
 * the mail. A mail sent twice (delivery is at least once) carries two tokens of the same
 * resolution; whichever is used first answers, and the other then finds the incident
 * answered.
 */
@Component
@Transactional
class ResolutionLinks {

	static final String PATH = "/links/resolution/";

	/** 32 random bytes, base64url without padding. */
	private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

	private final SecureRandom random = new SecureRandom();

	private final JdbcClient jdbc;

	private final Incidents incidents;

	private final LinkSettings settings;

	private final SlaPolicy sla;

	private final EngineClock clock;

	private final IncidentService service;

	ResolutionLinks(JdbcClient jdbc, Incidents incidents, LinkSettings settings, SlaPolicy sla, EngineClock clock,
			IncidentService service) {
		this.service = service;
		this.jdbc = jdbc;
		this.incidents = incidents;
		this.settings = settings;
		this.sla = sla;
		this.clock = clock;
	}

	/**
	 * Issues the links for the incident's current resolution and supersedes those of
	 * earlier resolutions.
	 */
	Issued issue(Incident incident) {
		OffsetDateTime now = this.clock.nowUtc();
		this.jdbc.sql("""
				update resolution_link set superseded_at = :now
				where incident_id = :incident and resolution_round < :round and superseded_at is null""")
			.param("now", now)
			.param("incident", incident.id())
			.param("round", incident.reopenCount())
			.update();
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		Duration validFor = (this.settings.resolutionLinkValidFor() != null) ? this.settings.resolutionLinkValidFor()
				: this.sla.settingsFor(incident.tenantId()).autoCloseAfter();
		OffsetDateTime expiresAt = ((incident.resolvedAt() != null) ? incident.resolvedAt() : now).plus(validFor);
		this.jdbc.sql("""
				insert into resolution_link (incident_id, token_hash, resolution_round, created_at, expires_at)
				values (:incident, :hash, :round, :now, :expires)""")
			.param("incident", incident.id())
			.param("hash", hash(token))
			.param("round", incident.reopenCount())
			.param("now", now)
			.param("expires", expiresAt)
			.update();
		String page = this.settings.base() + PATH + token;
		return new Issued(page + "?answer=confirm", page + "?answer=reject", expiresAt);
	}

	/** What the token opens, or why it opens nothing. Changes nothing. */
	@Transactional(readOnly = true)
	Checked check(String token) {
		if (token == null || !TOKEN.matcher(token).matches()) {
			return new Checked(null, null, Refusal.UNKNOWN);
		}
		Optional<Row> found = this.jdbc.sql("""
				select l.id, i.number, l.resolution_round, l.expires_at, l.used_at, l.superseded_at
				from resolution_link l join incident i on i.id = l.incident_id where l.token_hash = :hash""")
			.param("hash", hash(token))
			.query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getInt(3),
					rs.getObject(4, OffsetDateTime.class), rs.getObject(5, OffsetDateTime.class),
					rs.getObject(6, OffsetDateTime.class)))
			.optional();
		if (found.isEmpty()) {
			return new Checked(null, null, Refusal.UNKNOWN);
		}
		Row row = found.get();
		Incident incident = this.incidents.get(row.number());
		Refusal refusal = null;
		if (row.usedAt() != null) {
			refusal = Refusal.USED;
		}
		else if (row.supersededAt() != null || row.round() < incident.reopenCount()) {
			refusal = Refusal.SUPERSEDED;
		}
		else if (!this.clock.nowUtc().isBefore(row.expiresAt())) {
			refusal = Refusal.EXPIRED;
		}
		else if (incident.state() != IncidentState.RESOLVED) {
			refusal = Refusal.ANSWERED;
		}
		return new Checked(row.id(), incident, refusal);
	}

	/**
	 * Uses the link up, in the caller's transaction. The condition is checked under the
	 * row lock, so of two requests with the same token exactly one gets {@code true}.
	 */
	boolean use(long linkId) {
		return this.jdbc.sql("""
				update resolution_link set used_at = :now
				where id = :id and used_at is null and superseded_at is null""")
			.param("now", this.clock.nowUtc())
			.param("id", linkId)
			.update() == 1;
	}

	/**
	 * Redeems the token: uses it up and answers the resolution the way the caller does
	 * through {@code POST /api/v1/incidents/{number}/resolution}, in one transaction, so
	 * a refused answer leaves the token unused.
	 * @return why nothing was done, or {@code null} if the answer was given
	 */
	Refusal answer(String token, boolean accepted, String rejectionReason) {
		Checked checked = check(token);
		if (!checked.usable()) {
			return checked.refusal();
		}
		if (!use(checked.linkId())) {
			return Refusal.USED;
		}
		Incident incident = checked.incident();
		// The caller answers: the service names them in the timeline. Camunda's
		// authentication stays unset, so the task completion is not subjected to engine
		// authorizations that callers do not have, exactly as through the API.
		this.service.answerResolution(incident.number(), incident.callerId(), accepted,
				accepted ? null : rejectionReason);
		return null;
	}

	static String hash(String token) {
		return DigestUtils.sha256Hex(token.getBytes(StandardCharsets.US_ASCII));
	}

	/** The links that go into one resolution mail. */
	record Issued(String confirmUrl, String rejectUrl, OffsetDateTime expiresAt) {
	}

	/**
	 * The outcome of a check.
	 *
	 * @param linkId the link, if the token is known
	 * @param incident its incident, if the token is known
	 * @param refusal why the link opens nothing, or {@code null} if it may be used
	 */
	record Checked(Long linkId, Incident incident, Refusal refusal) {

		boolean usable() {
			return this.refusal == null;
		}

	}

	/** Why a link opens nothing, and the status the page answers with. */
	enum Refusal {

		UNKNOWN(404), USED(410), EXPIRED(410), SUPERSEDED(410), ANSWERED(410);

		private final int status;

		Refusal(int status) {
			this.status = status;
		}

		int status() {
			return this.status;
		}

	}

	private record Row(long id, String number, int round, OffsetDateTime expiresAt, OffsetDateTime usedAt,
			OffsetDateTime supersededAt) {
	}

}

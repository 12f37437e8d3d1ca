package org.incidentdesk.alert;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.apache.commons.codec.digest.DigestUtils;
import org.camunda.bpm.engine.IdentityService;
import org.incidentdesk.system.EngineClock;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Per-tenant API tokens for machine clients such as Alertmanager. A token is 32 random
 * bytes, base64url, behind the prefix {@value #PREFIX} so that secret scanners and people
 * recognise it. Only its SHA-256 is stored: looking a token up by its hash compares
 * nothing secret in Java, so there is no timing side channel, and a leaked table holds no
 * usable token.
 */
@Service
@Transactional
class ApiTokens {

	static final String PREFIX = "idk_";

	private static final int RANDOM_BYTES = 32;

	/**
	 * Usage is recorded at most this often per token, so busy clients do not write on
	 * every call.
	 */
	private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final RowMapper<ApiToken> TOKEN = (rs, row) -> new ApiToken(rs.getLong("id"),
			rs.getString("tenant_id"), rs.getString("user_id"), rs.getString("name"),
			rs.getObject("created_at", OffsetDateTime.class), rs.getString("created_by"),
			rs.getObject("last_used_at", OffsetDateTime.class), rs.getObject("revoked_at", OffsetDateTime.class));

	private final JdbcClient jdbc;

	private final IdentityService identity;

	private final EngineClock clock;

	ApiTokens(JdbcClient jdbc, IdentityService identity, EngineClock clock) {
		this.jdbc = jdbc;
		this.identity = identity;
		this.clock = clock;
	}

	/**
	 * Creates a token for a user of the tenant.
	 * @throws InvalidApiTokenRequestException if the tenant or user does not exist or do
	 * not belong together
	 */
	IssuedToken issue(String tenantId, String userId, String name, String createdBy) {
		List<String> errors = new ArrayList<>();
		if (this.identity.createTenantQuery().tenantId(tenantId).count() == 0) {
			errors.add("There is no customer organisation '" + tenantId + "'.");
		}
		else if (this.identity.createUserQuery().userId(userId).count() == 0) {
			errors.add("There is no user '" + userId + "'. Create the service account in Camunda Admin first.");
		}
		else if (!belongsTo(userId, tenantId)) {
			errors.add("The user '" + userId + "' does not belong to customer organisation '" + tenantId
					+ "'. Add it to the tenant, directly or through a group, first.");
		}
		if (!errors.isEmpty()) {
			throw new InvalidApiTokenRequestException(errors);
		}
		String token = newToken();
		KeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into api_token (tenant_id, user_id, name, token_hash, created_at, created_by)
				values (:tenant, :user, :name, :hash, :now, :by)
				""")
			.param("tenant", tenantId)
			.param("user", userId)
			.param("name", name)
			.param("hash", hash(token))
			.param("now", this.clock.nowUtc())
			.param("by", createdBy)
			.update(key, "id");
		return new IssuedToken(key.getKeyAs(Number.class).longValue(), token);
	}

	@Transactional(readOnly = true)
	List<ApiToken> list(String tenantId) {
		return this.jdbc.sql("select * from api_token where tenant_id = :tenant order by id")
			.param("tenant", tenantId)
			.query(TOKEN)
			.list();
	}

	@Transactional(readOnly = true)
	Optional<ApiToken> find(long id) {
		return this.jdbc.sql("select * from api_token where id = :id").param("id", id).query(TOKEN).optional();
	}

	/**
	 * Revokes the token from now on; revoking it again keeps the first revocation time.
	 */
	void revoke(long id) {
		this.jdbc.sql("update api_token set revoked_at = :now where id = :id and revoked_at is null")
			.param("now", this.clock.nowUtc())
			.param("id", id)
			.update();
	}

	/** The token with this secret, revoked or not, and records that it was used. */
	Optional<ApiToken> use(String token) {
		Optional<ApiToken> found = this.jdbc.sql("select * from api_token where token_hash = :hash")
			.param("hash", hash(token))
			.query(TOKEN)
			.optional();
		found.filter(t -> !t.isRevoked()).ifPresent(t -> {
			OffsetDateTime now = this.clock.nowUtc();
			this.jdbc.sql("""
					update api_token set last_used_at = :now
					where id = :id and (last_used_at is null or last_used_at < :recent)
					""").param("now", now).param("id", t.id()).param("recent", now.minus(LAST_USED_PRECISION)).update();
		});
		return found;
	}

	/** Whether the user belongs to the tenant, directly or through one of its groups. */
	boolean belongsTo(String userId, String tenantId) {
		return this.identity.createTenantQuery()
			.userMember(userId)
			.includingGroupsOfUser(true)
			.tenantId(tenantId)
			.count() > 0;
	}

	static String newToken() {
		byte[] bytes = new byte[RANDOM_BYTES];
		RANDOM.nextBytes(bytes);
		return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** Hex SHA-256 of the whole token, prefix included. */
	static String hash(String token) {
		return DigestUtils.sha256Hex(token);
	}

}

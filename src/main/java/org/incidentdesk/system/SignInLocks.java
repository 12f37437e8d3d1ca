package org.incidentdesk.system;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The locks Camunda puts on accounts after wrong passwords, as administrators see them.
 * The policy itself is Camunda's, set in {@code application.yaml} ({@code login-delay-*},
 * {@code login-max-attempts}): each wrong password in a row locks the account for longer,
 * up to {@link #longestLock()}; every sign-in surface asks the same identity service, so
 * they all refuse a locked account alike.
 * <p>
 * Camunda's public {@link User} does not tell the lock; the database identity provider's
 * {@link UserEntity} does, and it is the only provider here
 * ({@code IdentityChangesForgetSignIns}).
 */
@Component
public class SignInLocks {

	private final IdentityService identity;

	private final ManagementService management;

	private final ProcessEngineConfigurationImpl engine;

	SignInLocks(ProcessEngine engine) {
		this.identity = engine.getIdentityService();
		this.management = engine.getManagementService();
		this.engine = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
	}

	/** The longest an account stays locked after a wrong password. */
	public Duration longestLock() {
		return Duration.ofSeconds(this.engine.getLoginDelayMaxTime());
	}

	/** The user's failed sign-ins and lock, as of the engine's clock. */
	public SignInLock lockOf(User user) {
		if (!(user instanceof UserEntity stored)) {
			return new SignInLock(false, 0, null);
		}
		int attempts = stored.getAttempts();
		if (attempts >= this.engine.getLoginMaxAttempts()) {
			// Locked until an administrator lifts it: not with this policy, but
			// Camunda can.
			return new SignInLock(true, attempts, null);
		}
		Date until = stored.getLockExpirationTime();
		boolean locked = until != null && until.after(ClockUtil.getCurrentTime());
		return new SignInLock(locked, attempts, locked ? until.toInstant() : null);
	}

	/** The users locked now, by id, at most {@code max} from {@code first}. */
	public List<User> lockedUsers(int first, int max) {
		String table = this.management.getTableName(UserEntity.class);
		return this.identity.createNativeUserQuery()
			.sql("select * from " + table + " where LOCK_EXP_TIME_ > #{now} or ATTEMPTS_ >= #{maxAttempts}"
					+ " order by ID_")
			.parameter("now", ClockUtil.getCurrentTime())
			.parameter("maxAttempts", this.engine.getLoginMaxAttempts())
			.listPage(first, max);
	}

	/**
	 * An account's failed sign-ins in a row and its lock.
	 *
	 * @param locked whether the account refuses every sign-in now
	 * @param failedAttempts wrong passwords since the last successful sign-in (those
	 * given while locked do not count)
	 * @param lockedUntil when the lock ends; null when not locked, or when locked until
	 * an administrator lifts it
	 */
	public record SignInLock(boolean locked, int failedAttempts, Instant lockedUntil) {

	}

}

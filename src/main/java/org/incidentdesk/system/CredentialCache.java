package org.incidentdesk.system;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Successful sign-ins with a user id and password, remembered for a short time.
 * <p>
 * API clients send HTTP Basic credentials with every request. Checking them against
 * Camunda's identity service costs a database connection from the same pool the request's
 * own work needs and three queries (user, groups, tenants); under 32 concurrent clients
 * requests spent most of their wait there (docs/benchmarks.md, "Profile of a report").
 * <p>
 * What is remembered is the signed-in user with its groups and tenants, and a SHA-256 of
 * the user id and password with a random salt that lives only in this process, so the
 * cache holds no password. A remembered sign-in is forgotten
 * <ul>
 * <li>after {@code incident-desk.security.credential-cache.ttl} (30 seconds by
 * default);</li>
 * <li>when a wrong password is given for the user: it locks the account for a while
 * ({@link SignInLocks}), and the next sign-in must ask Camunda, which refuses it during
 * the lock;</li>
 * <li>when Camunda's identity service changes the user, their password, their groups or
 * tenants, or deletes a group or tenant ({@link IdentityChangesForgetSignIns}), at once
 * and again when that change commits.</li>
 * </ul>
 * A check that started before such a change is not remembered after it (the generation
 * counter), so an old password cannot come back through a race.
 * <p>
 * So a locked account does not sign in through this cache on the node that saw the wrong
 * password. Another node of a cluster keeps a sign-in it remembered before the lock until
 * the ttl is up: that needs the right password, which is what the lock keeps from
 * guessers, and a guess never matches a remembered sign-in, so it always reaches Camunda.
 */
@Component
class CredentialCache {

	private static final int SALT_BYTES = 32;

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	private final AtomicLong generation = new AtomicLong();

	private final byte[] salt = new byte[SALT_BYTES];

	private final long ttlNanos;

	private final int maxEntries;

	private final LongSupplier nanoClock;

	@Autowired
	CredentialCache(CredentialCacheSettings settings) {
		this(settings, System::nanoTime);
	}

	CredentialCache(CredentialCacheSettings settings, LongSupplier nanoClock) {
		this.ttlNanos = settings.ttl().toNanos();
		this.maxEntries = settings.maxEntries();
		this.nanoClock = nanoClock;
		new SecureRandom().nextBytes(this.salt);
	}

	/** The remembered sign-in of this user with exactly this password, or null. */
	SignedIn find(String userId, String password) {
		Entry entry = this.entries.get(userId);
		if (entry == null) {
			return null;
		}
		if (this.nanoClock.getAsLong() - entry.expiresAt() >= 0) {
			this.entries.remove(userId, entry);
			return null;
		}
		return MessageDigest.isEqual(entry.digest(), digest(userId, password)) ? entry.signedIn() : null;
	}

	/**
	 * The generation to pass to {@link #remember}: read it before checking the password.
	 */
	long generation() {
		return this.generation.get();
	}

	/**
	 * Remembers a sign-in whose password was checked in the given generation, unless
	 * something was forgotten since.
	 */
	void remember(String userId, String password, SignedIn signedIn, long checkedInGeneration) {
		if (this.ttlNanos <= 0) {
			return;
		}
		if (this.entries.size() >= this.maxEntries) {
			long now = this.nanoClock.getAsLong();
			this.entries.values().removeIf(entry -> now - entry.expiresAt() >= 0);
			if (this.entries.size() >= this.maxEntries) {
				return;
			}
		}
		Entry entry = new Entry(digest(userId, password), signedIn, this.nanoClock.getAsLong() + this.ttlNanos);
		this.entries.put(userId, entry);
		if (this.generation.get() != checkedInGeneration) {
			this.entries.remove(userId, entry);
		}
	}

	void forget(String userId) {
		this.generation.incrementAndGet();
		this.entries.remove(userId);
	}

	void forgetAll() {
		this.generation.incrementAndGet();
		this.entries.clear();
	}

	int size() {
		return this.entries.size();
	}

	private byte[] digest(String userId, String password) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			sha256.update(this.salt);
			sha256.update(userId.getBytes(StandardCharsets.UTF_8));
			// A separator no user id contains, so "ab"+"c" and "a"+"bc" differ.
			sha256.update((byte) 0);
			return sha256.digest(password.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

	/** A signed-in user and the authorities Spring Security checks. */
	record SignedIn(CurrentUser user, List<GrantedAuthority> authorities) {

		SignedIn {
			authorities = List.copyOf(authorities);
		}

	}

	private record Entry(byte[] digest, SignedIn signedIn, long expiresAt) {

	}

}

package org.incidentdesk.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** Remembered sign-ins: only with the same password, only for a while, never stale. */
class CredentialCacheTests {

	private final AtomicLong clock = new AtomicLong();

	private final CredentialCache cache = new CredentialCache(new CredentialCacheSettings(Duration.ofSeconds(30), 3),
			this.clock::get);

	@Test
	void remembersASignInWithTheSamePasswordUntilItExpires() {
		this.cache.remember("alice", "demo", alice(), this.cache.generation());

		this.clock.addAndGet(Duration.ofSeconds(29).toNanos());
		assertThat(this.cache.find("alice", "demo")).isEqualTo(alice());

		this.clock.addAndGet(Duration.ofSeconds(1).toNanos());
		assertThat(this.cache.find("alice", "demo")).isNull();
		assertThat(this.cache.size()).isZero();
	}

	@Test
	void anotherPasswordOrAnotherUserIsNotRecognised() {
		this.cache.remember("alice", "demo", alice(), this.cache.generation());

		assertThat(this.cache.find("alice", "Demo")).isNull();
		assertThat(this.cache.find("alice", "")).isNull();
		assertThat(this.cache.find("bob", "demo")).isNull();
		// The user id and the password are hashed apart: "alic" + "edemo" is not a match
		assertThat(this.cache.find("alic", "edemo")).isNull();
	}

	@Test
	void aForgottenUserIsCheckedAgain() {
		this.cache.remember("alice", "demo", alice(), this.cache.generation());
		this.cache.remember("bob", "demo", bob(), this.cache.generation());

		this.cache.forget("alice");

		assertThat(this.cache.find("alice", "demo")).isNull();
		assertThat(this.cache.find("bob", "demo")).isEqualTo(bob());

		this.cache.forgetAll();
		assertThat(this.cache.find("bob", "demo")).isNull();
	}

	@Test
	void aCheckThatStartedBeforeAChangeIsNotRemembered() {
		// Given a password check that starts
		long generation = this.cache.generation();

		// When the user's password changes meanwhile
		this.cache.forget("alice");
		this.cache.remember("alice", "old password", alice(), generation);

		// Then the old password's success is not remembered
		assertThat(this.cache.find("alice", "old password")).isNull();
	}

	@Test
	void remembersNoMoreThanItsLimitUntilEntriesExpire() {
		this.cache.remember("alice", "demo", alice(), this.cache.generation());
		this.cache.remember("bob", "demo", bob(), this.cache.generation());
		this.cache.remember("sam", "demo", signedIn("sam", "service-desk"), this.cache.generation());

		this.cache.remember("ivan", "demo", signedIn("ivan", "support-infrastructure"), this.cache.generation());
		assertThat(this.cache.find("ivan", "demo")).isNull();

		this.clock.addAndGet(Duration.ofSeconds(30).toNanos());
		this.cache.remember("ivan", "demo", signedIn("ivan", "support-infrastructure"), this.cache.generation());
		assertThat(this.cache.find("ivan", "demo")).isNotNull();
		assertThat(this.cache.size()).isOne();
	}

	@Test
	void aTimeToLiveOfZeroRemembersNothing() {
		var off = new CredentialCache(new CredentialCacheSettings(Duration.ZERO, 100), this.clock::get);

		off.remember("alice", "demo", alice(), off.generation());

		assertThat(off.find("alice", "demo")).isNull();
	}

	private static CredentialCache.SignedIn alice() {
		return signedIn("alice", "customers");
	}

	private static CredentialCache.SignedIn bob() {
		return signedIn("bob", "customers");
	}

	private static CredentialCache.SignedIn signedIn(String user, String group) {
		return new CredentialCache.SignedIn(new CurrentUser(user, List.of(group), List.of()),
				List.of(new SimpleGrantedAuthority("GROUP_" + group)));
	}

}

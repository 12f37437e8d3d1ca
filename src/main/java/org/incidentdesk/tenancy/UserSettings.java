package org.incidentdesk.tenancy;

import java.time.ZoneId;
import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user's own settings, kept as Camunda user info, where the rest of the product reads
 * them: {@value #LANGUAGE_INFO} (mail, and the refusals of the engine API) and
 * {@value #TIME_ZONE_INFO} (the portal's times).
 * <p>
 * Camunda's user info has no unique key, and {@code setUserInfo} inserts when it finds no
 * entry: two saves of one user at the same moment (two tabs, two devices) would insert
 * the key twice, and every later read of it would fail. So a save first locks the user's
 * row ({@code ACT_ID_USER}), and saves of one user take turns.
 */
@Service
@Transactional
public class UserSettings {

	/** The user info key of a user's language: {@code en} or {@code id}. */
	public static final String LANGUAGE_INFO = "locale";

	/** The user info key of a user's time zone: an IANA id. */
	public static final String TIME_ZONE_INFO = "timezone";

	private final IdentityService identity;

	private final JdbcClient jdbc;

	UserSettings(IdentityService identity, JdbcClient jdbc) {
		this.identity = identity;
		this.jdbc = jdbc;
	}

	/**
	 * Saves both settings of a user; an empty one is removed (the product's default
	 * applies).
	 * @param userId an existing user
	 * @param language {@code en}, {@code id}, or empty
	 * @param zone the time zone, or empty
	 */
	public void save(String userId, Optional<String> language, Optional<ZoneId> zone) {
		this.jdbc.sql("select id_ from act_id_user where id_ = :id for update")
			.param("id", userId)
			.query()
			.listOfRows();
		put(userId, LANGUAGE_INFO, language);
		put(userId, TIME_ZONE_INFO, zone.map(ZoneId::getId));
	}

	private void put(String userId, String key, Optional<String> value) {
		if (value.isPresent()) {
			this.identity.setUserInfo(userId, key, value.get());
		}
		else {
			this.identity.deleteUserInfo(userId, key);
		}
	}

}

package org.incidentdesk.system;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.DefaultPasswordPolicyImpl;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Makes sure there is a first administrator without any default password.
 * <p>
 * Camunda's starter creates the administrator from {@code camunda.bpm.admin-user.*}, but
 * silently uses the user id as password when none is given; that case stops the start
 * instead. When no administrator is configured and none exists yet, a user {@code admin}
 * is created with a random password, which is printed once; the {@code postgres} profile
 * refuses to start instead, so no password of production ever reaches a log.
 */
@Component
class InitialAdministrator extends AbstractProcessEnginePlugin {

	static final String GENERATED_ADMIN_ID = "admin";

	/** Off in production, which needs a configured administrator instead. */
	static final String GENERATE_PROPERTY = "incident-desk.generate-first-administrator";

	private static final Logger log = LoggerFactory.getLogger(InitialAdministrator.class);

	private final Environment environment;

	private final StartUpLock lock;

	InitialAdministrator(Environment environment, StartUpLock lock) {
		this.environment = environment;
		this.lock = lock;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		String id = this.environment.getProperty("camunda.bpm.admin-user.id");
		String password = this.environment.getProperty("camunda.bpm.admin-user.password");
		if (id != null && (password == null || password.isBlank())) {
			throw new IllegalStateException("camunda.bpm.admin-user.id is set to '" + id
					+ "' but no password is: set camunda.bpm.admin-user.password (CAMUNDA_BPM_ADMIN_USER_PASSWORD).");
		}
		if (id != null && configuration.isEnablePasswordPolicy()) {
			// The engine would refuse the user with a bare "Password does not match
			// policy".
			UserEntity admin = new UserEntity(id);
			admin.setFirstName(this.environment.getProperty("camunda.bpm.admin-user.first-name"));
			admin.setLastName(this.environment.getProperty("camunda.bpm.admin-user.last-name"));
			admin.setEmail(this.environment.getProperty("camunda.bpm.admin-user.email"));
			List<PasswordPolicyRule> violated = new DefaultPasswordPolicyImpl().getRules()
				.stream()
				.filter(rule -> !rule.execute(password, admin))
				.toList();
			if (!violated.isEmpty()) {
				throw new IllegalStateException("The password of the first administrator '" + id
						+ "' (camunda.bpm.admin-user.password, CAMUNDA_BPM_ADMIN_USER_PASSWORD) does not meet the "
						+ "password policy: " + PasswordRules.describe(violated) + ".");
			}
		}
	}

	@Override
	public void postProcessEngineBuild(ProcessEngine engine) {
		if (this.environment.getProperty("camunda.bpm.admin-user.id") != null) {
			return;
		}
		// Nodes that start together: the one that waited finds the administrator.
		this.lock.run("generating the first administrator", () -> ensureAdministrator(engine));
	}

	private void ensureAdministrator(ProcessEngine engine) {
		IdentityService identity = engine.getIdentityService();
		if (identity.createUserQuery().memberOfGroup(CurrentUser.ADMINISTRATORS).count() > 0) {
			return;
		}
		if (!this.environment.getProperty(GENERATE_PROPERTY, Boolean.class, true)) {
			throw new IllegalStateException("There is no administrator yet, and this profile prints no generated "
					+ "password to the log: set CAMUNDA_BPM_ADMIN_USER_ID and CAMUNDA_BPM_ADMIN_USER_PASSWORD.");
		}
		String password = randomPassword();
		// A start that stopped half-way may have left the user without its group: it gets
		// the new password.
		User admin = identity.createUserQuery().userId(GENERATED_ADMIN_ID).singleResult();
		if (admin == null) {
			admin = identity.newUser(GENERATED_ADMIN_ID);
			admin.setFirstName("Incident Desk");
			admin.setLastName("Administrator");
		}
		admin.setPassword(password);
		identity.saveUser(admin);
		if (identity.createGroupQuery().groupId(CurrentUser.ADMINISTRATORS).count() == 0) {
			Group group = identity.newGroup(CurrentUser.ADMINISTRATORS);
			group.setName("Administrators");
			group.setType("SYSTEM");
			identity.saveGroup(group);
			grantEverything(engine.getAuthorizationService());
		}
		identity.createMembership(GENERATED_ADMIN_ID, CurrentUser.ADMINISTRATORS);
		log.warn("""

				  Created the first administrator. Sign in at /camunda as '{}' with password:
				    {}
				  This password is shown only now. Change it in Camunda Admin.
				""", GENERATED_ADMIN_ID, password);
	}

	private static void grantEverything(AuthorizationService authorizations) {
		for (Resources resource : Resources.values()) {
			Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
			grant.setGroupId(CurrentUser.ADMINISTRATORS);
			grant.setResource(resource);
			grant.setResourceId(Authorization.ANY);
			grant.addPermission(Permissions.ALL);
			authorizations.saveAuthorization(grant);
		}
	}

	/**
	 * 24 random characters that always meet Camunda's built-in password policy (upper and
	 * lower case, a digit and a special character).
	 */
	static String randomPassword() {
		SecureRandom random = new SecureRandom();
		String[] classes = { "ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnopqrstuvwxyz", "23456789", "-_.!#%+" };
		String all = String.join("", classes);
		List<Character> chars = new ArrayList<>();
		for (String characterClass : classes) {
			chars.add(characterClass.charAt(random.nextInt(characterClass.length())));
		}
		while (chars.size() < 24) {
			chars.add(all.charAt(random.nextInt(all.length())));
		}
		Collections.shuffle(chars, random);
		StringBuilder password = new StringBuilder();
		chars.forEach(password::append);
		return password.toString();
	}

}

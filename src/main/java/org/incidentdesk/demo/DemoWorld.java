package org.incidentdesk.demo;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.incidentdesk.cmdb.CiType;
import org.incidentdesk.cmdb.Cmdb;
import org.incidentdesk.cmdb.ConfigurationItem;
import org.incidentdesk.cmdb.NewConfigurationItem;
import org.incidentdesk.system.CurrentUser;
import org.incidentdesk.system.StartUpLock;
import org.incidentdesk.tenancy.Tenancy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A believable demo world for the {@code demo} profile: two customer organisations with
 * callers and technicians, the provider's teams, CMDB items and knowledge articles. The
 * tenants and teams are made as an administrator would make them ({@link Tenancy}), so
 * they get the same grants and Tasklist filters. Every demo user's password is
 * {@value #PASSWORD}; this exists only in this profile, which also turns the password
 * policy off.
 */
@Component
@Profile("demo")
class DemoWorld implements ApplicationRunner {

	static final String PASSWORD = "demo";

	private static final Logger log = LoggerFactory.getLogger(DemoWorld.class);

	/** The support teams and vendor: id, name. */
	private static final List<List<String>> TEAMS = List.of(
			List.of("support-infrastructure", "Support: infrastructure (L2)"),
			List.of("support-applications", "Support: applications (L2)"),
			List.of("vendor-systems", "Vendor: Systems Ltd (L3)"));

	/** Provider staff: group, the people in it. */
	private static final List<List<String>> STAFF = List.of(List.of(CurrentUser.SERVICE_DESK, "sam", "sari"),
			List.of("support-infrastructure", "ivan"), List.of("support-applications", "ana"),
			List.of("vendor-systems", "vera"), List.of(CurrentUser.INCIDENT_MANAGERS, "ines"),
			List.of(CurrentUser.SERVICE_DELIVERY_MANAGERS, "della"), List.of(CurrentUser.AUDITORS, "audrey"));

	private final IdentityService identity;

	private final Tenancy tenancy;

	private final Cmdb cmdb;

	private final List<DemoContent> content;

	private final TransactionTemplate transaction;

	private final StartUpLock lock;

	DemoWorld(IdentityService identity, Tenancy tenancy, Cmdb cmdb, List<DemoContent> content,
			PlatformTransactionManager transactions, StartUpLock lock) {
		this.identity = identity;
		this.tenancy = tenancy;
		this.cmdb = cmdb;
		this.content = content;
		this.transaction = new TransactionTemplate(transactions);
		this.lock = lock;
	}

	/**
	 * Creates the demo world in one transaction, unless it exists. Nodes that start
	 * together take turns ({@link StartUpLock}); the node that waited finds it.
	 */
	@Override
	public void run(ApplicationArguments args) {
		this.lock.run("creating the demo world", () -> this.transaction.executeWithoutResult(status -> create()));
	}

	private void create() {
		if (this.identity.createTenantQuery().tenantId("acme").count() > 0) {
			return;
		}
		// The built-in groups (customers, service desk, overseers) exist already.
		for (List<String> team : TEAMS) {
			this.tenancy.ensureTeam(team.get(0), team.get(1));
		}
		List<String> teamIds = TEAMS.stream().map(team -> team.get(0)).toList();
		this.tenancy.ensureTenant("acme", "Acme Logistics", teamIds);
		this.tenancy.ensureTenant("globex", "Globex Retail Indonesia", teamIds);

		user("alice", "Alice", "Anders", CurrentUser.CUSTOMERS, "acme");
		user("bob", "Bob", "Brandt", CurrentUser.CUSTOMERS, "acme");
		user("citra", "Citra", "Lestari", CurrentUser.CUSTOMERS, "globex");
		user("dodi", "Dodi", "Pratama", CurrentUser.CUSTOMERS, "globex");
		// Mail to these callers is in Bahasa Indonesia.
		this.identity.setUserInfo("citra", "locale", "id");
		this.identity.setUserInfo("dodi", "locale", "id");

		user("tom", "Tom", "Tekniker", CurrentUser.techniciansOf("acme"), null);
		user("tari", "Tari", "Wijaya", CurrentUser.techniciansOf("globex"), null);
		for (List<String> entry : STAFF) {
			String groupId = entry.get(0);
			for (String userId : entry.subList(1, entry.size())) {
				user(userId, Character.toUpperCase(userId.charAt(0)) + userId.substring(1), "(" + groupId + ")",
						groupId, null);
			}
		}

		cmdbItems();
		this.content.forEach(DemoContent::load);
		log.info("Demo world created: tenants acme and globex; every demo user's password is '{}'.", PASSWORD);
	}

	private void cmdbItems() {
		ConfigurationItem server = ci("acme", "ACME-SRV-01", CiType.HARDWARE, "Jakarta data centre, rack 4", true,
				null);
		ci("acme", "ACME-ERP", CiType.SERVICE, "Runs on ACME-SRV-01", true, server.id());
		ci("acme", "ACME-LT-0042", CiType.HARDWARE, "Jakarta HQ, floor 3", false, null);
		ci("acme", "ACME-PRN-03", CiType.HARDWARE, "Jakarta HQ, floor 3", false, null);
		ci("acme", "ACME-VPN", CiType.NETWORK, "Jakarta data centre", true, null);
		ci("acme", "Microsoft Outlook", CiType.SOFTWARE, null, true, null);
		ci("globex", "GLX-POS-07", CiType.HARDWARE, "Surabaya store 7", false, null);
		ci("globex", "GLX-WIFI", CiType.NETWORK, "Surabaya store 7", true, null);
		ci("globex", "GLX-MAIL", CiType.SERVICE, "Provider cloud", true, null);
	}

	private ConfigurationItem ci(String tenant, String name, CiType type, String location, boolean remote,
			Long parent) {
		return this.cmdb.register(new NewConfigurationItem(tenant, name, type, location, remote, parent));
	}

	private void user(String id, String first, String last, String group, String tenant) {
		User user = this.identity.newUser(id);
		user.setFirstName(first);
		user.setLastName(last);
		user.setEmail(id + "@" + ((tenant != null) ? tenant + ".example" : "incidentdesk.example"));
		user.setPassword(PASSWORD);
		this.identity.saveUser(user);
		this.identity.createMembership(id, group);
		if (tenant != null) {
			this.identity.createTenantUserMembership(tenant, id);
		}
	}

}

package org.incidentdesk.tenancy;

import java.util.List;

import org.incidentdesk.system.CurrentUser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access policy's named checks, one user of each kind against each: the rules every
 * module asks (who sees all, who may confirm, who is staff, who serves a tenant) hold
 * here once, so a change to one of them shows here first.
 */
class AccessPolicyTests {

	private static final CurrentUser ALICE = user("alice", List.of(CurrentUser.CUSTOMERS), "acme");

	private static final CurrentUser COORDINATOR = user("carla",
			List.of(CurrentUser.CUSTOMERS, CurrentUser.ORGANISATION_VIEWERS), "acme");

	private static final CurrentUser SAM = user("sam", List.of(CurrentUser.SERVICE_DESK), "acme", "globex");

	private static final CurrentUser IVAN = user("ivan", List.of("support-network"), "acme");

	private static final CurrentUser VERA = user("vera", List.of("vendor-mailhost"), "acme");

	private static final CurrentUser TOM = user("tom", List.of(CurrentUser.techniciansOf("acme")), "acme");

	private static final CurrentUser DELLA = user("della", List.of(CurrentUser.SERVICE_DELIVERY_MANAGERS), "acme");

	private static final CurrentUser INES = user("ines", List.of(CurrentUser.INCIDENT_MANAGERS), "acme");

	private static final CurrentUser AUDREY = user("audrey", List.of(CurrentUser.AUDITORS));

	private static final CurrentUser ADMIN = user("demo", List.of(CurrentUser.ADMINISTRATORS));

	private static final CurrentUser AUDITING_ADMIN = user("root",
			List.of(CurrentUser.AUDITORS, CurrentUser.ADMINISTRATORS));

	@Test
	void auditorsAndAdministratorsSeeAllAndNobodyElseDoes() {
		assertThat(AccessPolicy.seesAll(AUDREY)).isTrue();
		assertThat(AccessPolicy.seesAll(ADMIN)).isTrue();
		for (CurrentUser other : List.of(ALICE, COORDINATOR, SAM, IVAN, TOM, DELLA, INES)) {
			assertThat(AccessPolicy.seesAll(other)).as(other.id()).isFalse();
		}
	}

	@Test
	void staffAreEveryoneButTheCallers() {
		assertThat(AccessPolicy.isStaff(ALICE)).isFalse();
		assertThat(AccessPolicy.isStaff(COORDINATOR)).isFalse();
		for (CurrentUser staff : List.of(SAM, IVAN, VERA, TOM, DELLA, INES, AUDREY, ADMIN)) {
			assertThat(AccessPolicy.isStaff(staff)).as(staff.id()).isTrue();
		}
	}

	@Test
	void aUserServesTheTenantsTheyBelongToAndNoOthers() {
		assertThat(AccessPolicy.servesTenant(SAM, "globex")).isTrue();
		assertThat(AccessPolicy.servesTenant(IVAN, "globex")).isFalse();
		assertThat(AccessPolicy.servesTenant(ALICE, "acme")).isTrue();
		assertThat(AccessPolicy.servesTenant(AUDREY, "acme")).as("auditors see all but serve none").isFalse();
		assertThat(AccessPolicy.servesTenant(SAM, null)).isFalse();
	}

	@Test
	void onlyTheCallerMayConfirmOrWithdraw() {
		assertThat(AccessPolicy.mayConfirm("alice", "alice")).isTrue();
		assertThat(AccessPolicy.mayConfirm("sam", "alice")).isFalse();
		assertThat(AccessPolicy.mayConfirm("demo", "alice")).as("not even an administrator").isFalse();
		assertThat(AccessPolicy.mayConfirm(null, "alice")).isFalse();
	}

	@Test
	void callersSeeTheirOwnIncidentsAndCoordinatorsTheirOrganisations() {
		assertThat(AccessPolicy.maySeeIncident(ALICE, "alice", "acme")).isTrue();
		assertThat(AccessPolicy.maySeeIncident(ALICE, "bob", "acme")).isFalse();
		assertThat(AccessPolicy.maySeeIncident(COORDINATOR, "bob", "acme")).isTrue();
		assertThat(AccessPolicy.maySeeIncident(COORDINATOR, "citra", "globex")).isFalse();
	}

	@Test
	void staffSeeTheIncidentsOfTheTenantsTheyServeAndOverseersAll() {
		assertThat(AccessPolicy.maySeeIncident(IVAN, "alice", "acme")).isTrue();
		assertThat(AccessPolicy.maySeeIncident(IVAN, "citra", "globex")).isFalse();
		assertThat(AccessPolicy.maySeeIncident(AUDREY, "citra", "globex")).isTrue();
		assertThat(AccessPolicy.maySeeIncident(ADMIN, "citra", "globex")).isTrue();
	}

	@Test
	void staffSeeATenantTheyServeOverseersEveryTenantAndCallersOnlyTheirOwn() {
		assertThat(AccessPolicy.seesTenant(IVAN, "acme")).isTrue();
		assertThat(AccessPolicy.seesTenant(IVAN, "globex")).isFalse();
		assertThat(AccessPolicy.seesTenant(AUDREY, "globex")).isTrue();
		assertThat(AccessPolicy.seesTenant(ALICE, "acme")).isTrue();
		assertThat(AccessPolicy.seesTenant(ALICE, "globex")).isFalse();
	}

	@Test
	void staffActForTheTenantsTheyServeAdministratorsForAllAndAuditorsForNone() {
		assertThat(AccessPolicy.actsForTenant(SAM, "globex")).isTrue();
		assertThat(AccessPolicy.actsForTenant(IVAN, "globex")).isFalse();
		assertThat(AccessPolicy.actsForTenant(ADMIN, "globex")).isTrue();
		assertThat(AccessPolicy.actsForTenant(AUDREY, "globex")).isFalse();
	}

	@Test
	void auditorsOnlyAuditUnlessTheyAdministerToo() {
		assertThat(AccessPolicy.onlyAudits(AUDREY)).isTrue();
		assertThat(AccessPolicy.onlyAudits(AUDITING_ADMIN)).isFalse();
		assertThat(AccessPolicy.onlyAudits(SAM)).isFalse();
	}

	@Test
	void managersAndOverseersReadReportsAndWorkersDoNot() {
		for (CurrentUser reader : List.of(INES, DELLA, AUDREY, ADMIN)) {
			assertThat(AccessPolicy.readsReports(reader)).as(reader.id()).isTrue();
		}
		for (CurrentUser other : List.of(ALICE, SAM, IVAN, TOM)) {
			assertThat(AccessPolicy.readsReports(other)).as(other.id()).isFalse();
		}
	}

	@Test
	void theTeamsThatWorkIncidentsKeepTheCmdbAndAuditorsTechniciansAndCallersDoNot() {
		for (CurrentUser keeper : List.of(SAM, IVAN, VERA, INES, DELLA, ADMIN)) {
			assertThat(AccessPolicy.keepsCmdb(keeper)).as(keeper.id()).isTrue();
		}
		for (CurrentUser other : List.of(ALICE, COORDINATOR, TOM, AUDREY)) {
			assertThat(AccessPolicy.keepsCmdb(other)).as(other.id()).isFalse();
		}
	}

	private static CurrentUser user(String id, List<String> groups, String... tenants) {
		return new CurrentUser(id, groups, List.of(tenants));
	}

}

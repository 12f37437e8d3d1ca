package org.incidentdesk.portal;

import org.camunda.bpm.engine.IdentityService;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.cmdb.Cmdb;
import org.incidentdesk.knowledge.KnowledgeBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The language switch in the portal's header leads to the same page in the other
 * language, with the page's filters, page number and chosen organisation kept.
 */
@IncidentDeskTest
class LanguageSwitchTests {

	@LocalServerPort
	int port;

	@Autowired
	IdentityService identity;

	@Autowired
	Cmdb cmdb;

	@Autowired
	KnowledgeBase knowledge;

	@Test
	void theSwitchKeepsTheListsFiltersAndPage() {
		PortalWorld world = new PortalWorld(this.identity, this.cmdb, this.knowledge);
		String caller = world.caller(world.tenant());
		PortalSession session = PortalSession.signedIn(this.port, caller, PortalWorld.password(caller));

		String page = session.get("/portal/incidents?state=RESOLVED&q=printer%20jam&page=1&lang=en").body();

		assertThat(page)
			.contains("href=\"/portal/incidents?state=RESOLVED&amp;q=printer%20jam&amp;page=1&amp;lang=id\"")
			.contains("href=\"/portal/incidents?state=RESOLVED&amp;q=printer%20jam&amp;page=1&amp;lang=en\"");
	}

	@Test
	void theManagersDashboardKeepsItsOrganisation() {
		PortalSession session = PortalSession.signedIn(this.port, "della", "demo");

		String page = session.get("/portal/dashboard?tenantId=acme").body();

		assertThat(page).contains("href=\"/portal/dashboard?tenantId=acme&amp;lang=id\"");
	}

	@Test
	void aPageWithoutAQueryGetsOnlyTheLanguage() {
		PortalSession session = PortalSession.signedIn(this.port, "alice", "demo");

		String page = session.get("/portal").body();

		assertThat(page).contains("href=\"/portal?lang=id\"").doesNotContain("/portal?&amp;");
	}

}

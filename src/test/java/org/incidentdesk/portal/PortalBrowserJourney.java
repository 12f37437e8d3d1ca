package org.incidentdesk.portal;

import org.camunda.bpm.engine.IdentityService;
import org.incidentdesk.cmdb.Cmdb;
import org.incidentdesk.knowledge.KnowledgeBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every browser journey through the portal starts from: the application's port, one
 * chromium for the whole class, and a {@link PortalWorld} to make tenants, callers and
 * staff in.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PortalBrowserJourney {

	@LocalServerPort
	int port;

	@Autowired
	IdentityService identity;

	@Autowired
	Cmdb cmdb;

	@Autowired
	KnowledgeBase knowledge;

	Browser browser;

	PortalWorld world;

	@BeforeAll
	void startBrowser() {
		this.browser = Browser.start(this.port);
		this.world = new PortalWorld(this.identity, this.cmdb, this.knowledge);
	}

	@AfterAll
	void stopBrowser() {
		if (this.browser != null) {
			this.browser.close();
		}
	}

}

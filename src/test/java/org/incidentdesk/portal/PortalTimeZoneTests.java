package org.incidentdesk.portal;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.camunda.bpm.engine.IdentityService;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.TestReports;
import org.incidentdesk.cmdb.Cmdb;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.knowledge.KnowledgeBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which time zone the portal shows a reader's times in: the profile's, else the
 * organisation's own calendar's (PortalReaderJourneyTests), else the browser's, else UTC.
 */
@IncidentDeskTest
class PortalTimeZoneTests {

	private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	@LocalServerPort
	int port;

	@Autowired
	IdentityService identity;

	@Autowired
	Cmdb cmdb;

	@Autowired
	KnowledgeBase knowledge;

	@Autowired
	IncidentService incidents;

	String caller;

	Incident incident;

	@BeforeEach
	void callerWithAnIncident() {
		PortalWorld world = new PortalWorld(this.identity, this.cmdb, this.knowledge);
		String tenant = world.tenant();
		this.caller = world.caller(tenant);
		this.incident = this.incidents.report(TestReports.report("Scanner offline").by(tenant, this.caller).build());
	}

	@Test
	void theProfilesZoneComesBeforeTheBrowsers() {
		this.identity.setUserInfo(this.caller, Readers.TIME_ZONE_INFO, "America/Sao_Paulo");
		PortalSession session = PortalSession.signedIn(this.port, this.caller, PortalWorld.password(this.caller));

		String page = session.get("/portal/incidents", "Cookie", "incident-desk-tz=Asia%2FTokyo").body();

		assertThat(page).contains(local("America/Sao_Paulo") + " UTC-3")
			.contains("Times are shown in America/Sao_Paulo (UTC-3).");
	}

	@Test
	void withoutOneInTheProfileOrCalendarTheBrowsersZoneCounts() {
		PortalSession session = PortalSession.signedIn(this.port, this.caller, PortalWorld.password(this.caller));

		String page = session.get("/portal/incidents", "Cookie", "incident-desk-tz=Asia%2FTokyo").body();

		assertThat(page).contains(local("Asia/Tokyo") + " UTC+9").contains("Times are shown in Asia/Tokyo (UTC+9).");
	}

	@Test
	void withoutAnyZoneOrWithAnUnknownOneTimesAreInUtc() {
		PortalSession session = PortalSession.signedIn(this.port, this.caller, PortalWorld.password(this.caller));

		String page = session.get("/portal/incidents", "Cookie", "incident-desk-tz=Mars%2FOlympus").body();

		assertThat(page).contains(local("UTC") + " UTC").contains("Times are shown in UTC.");
	}

	private String local(String zone) {
		return MINUTES.format(this.incident.createdAt().atZoneSameInstant(ZoneId.of(zone)));
	}

}

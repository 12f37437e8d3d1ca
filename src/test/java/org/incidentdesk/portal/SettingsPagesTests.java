package org.incidentdesk.portal;

import java.net.http.HttpResponse;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.IdentityService;
import org.incidentdesk.BothDatabases;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.TestReports;
import org.incidentdesk.cmdb.Cmdb;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.knowledge.KnowledgeBase;
import org.incidentdesk.tenancy.UserSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's own settings page: the language of their mail and the time zone of their
 * portal pages, kept as Camunda user info, over HTTP as a browser sends the form.
 */
@IncidentDeskTest
class SettingsPagesTests {

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

	String tenant;

	String caller;

	Incident incident;

	@BeforeEach
	void callerWithAnIncident() {
		PortalWorld world = new PortalWorld(this.identity, this.cmdb, this.knowledge);
		this.tenant = world.tenant();
		this.caller = world.caller(this.tenant);
		this.incident = this.incidents
			.report(TestReports.report("Docking station dead").by(this.tenant, this.caller).build());
	}

	@Test
	void aCallerChoosesLanguageAndTimeZoneAndThePortalFollows() {
		PortalSession session = signedIn(this.caller);
		String form = session.get("/portal/settings").body();
		assertThat(form).contains("Your settings").contains("<option value=\"Asia/Jakarta\">");

		HttpResponse<String> saved = session.post("/portal/settings",
				Map.of("language", "id", "timeZone", "Asia/Tokyo"));

		assertThat(saved.statusCode()).isEqualTo(302);
		assertThat(saved.headers().firstValue("Location").orElse("")).endsWith("/portal/settings");
		assertThat(this.identity.getUserInfo(this.caller, UserSettings.LANGUAGE_INFO)).isEqualTo("id");
		assertThat(this.identity.getUserInfo(this.caller, Readers.TIME_ZONE_INFO)).isEqualTo("Asia/Tokyo");
		String after = session.get("/portal/settings").body();
		assertThat(after).contains("Pengaturan Anda telah disimpan.")
			.contains("<option value=\"id\" lang=\"id\" selected=\"selected\">")
			.contains("value=\"Asia/Tokyo\"");
		// the browser's zone no longer counts: the profile's comes first
		String list = session.get("/portal/incidents", "Cookie", "incident-desk-tz=America%2FNew_York").body();
		assertThat(list).contains(local("Asia/Tokyo") + " UTC+9");
	}

	@Test
	void theChosenLanguageFollowsTheUserToAnotherBrowser() {
		PortalSession first = signedIn(this.caller);
		first.get("/portal/settings");
		first.post("/portal/settings", Map.of("language", "id", "timeZone", ""));

		// a browser that never switched: the language comes with the sign-in
		PortalSession other = signedIn(this.caller);
		assertThat(other.get("/portal").body()).contains("lang=\"id\"").contains(">Pengaturan<");

		// a user who chose nothing keeps the browser's (none: English)
		String neighbour = new PortalWorld(this.identity, this.cmdb, this.knowledge).caller(this.tenant);
		assertThat(signedIn(neighbour).get("/portal").body()).contains("lang=\"en\"").contains(">Settings<");
	}

	@Test
	void anUnknownTimeZoneIsRefusedWithWhatToTypeAndNothingIsSaved() {
		this.identity.setUserInfo(this.caller, Readers.TIME_ZONE_INFO, "Europe/Amsterdam");
		PortalSession session = signedIn(this.caller);
		session.get("/portal/settings");

		HttpResponse<String> refused = session.post("/portal/settings",
				Map.of("language", "id", "timeZone", "Mars/Olympus"));

		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("That is not a time zone we know. Type an IANA name such as Asia/Jakarta")
			.contains("value=\"Mars/Olympus\"");
		assertThat(this.identity.getUserInfo(this.caller, Readers.TIME_ZONE_INFO)).isEqualTo("Europe/Amsterdam");
		assertThat(this.identity.getUserInfo(this.caller, UserSettings.LANGUAGE_INFO)).isNull();
	}

	@Test
	void anUnknownLanguageIsRefused() {
		PortalSession session = signedIn(this.caller);
		session.get("/portal/settings");

		HttpResponse<String> refused = session.post("/portal/settings", Map.of("language", "fr", "timeZone", ""));

		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("Choose English or Bahasa Indonesia");
		assertThat(this.identity.getUserInfo(this.caller, UserSettings.LANGUAGE_INFO)).isNull();
	}

	@Test
	void anEmptyTimeZoneGoesBackToTheBrowsers() {
		this.identity.setUserInfo(this.caller, Readers.TIME_ZONE_INFO, "Europe/Amsterdam");
		this.identity.setUserInfo(this.caller, UserSettings.LANGUAGE_INFO, "id");
		PortalSession session = signedIn(this.caller);
		session.get("/portal/settings");

		assertThat(session.post("/portal/settings", Map.of("language", "", "timeZone", " ")).statusCode())
			.isEqualTo(302);

		assertThat(this.identity.getUserInfo(this.caller, Readers.TIME_ZONE_INFO)).isNull();
		assertThat(this.identity.getUserInfo(this.caller, UserSettings.LANGUAGE_INFO)).isNull();
		String list = session.get("/portal/incidents", "Cookie", "incident-desk-tz=Asia%2FTokyo").body();
		assertThat(list).contains(local("Asia/Tokyo") + " UTC+9");
	}

	@Test
	void aFormWithoutItsTokenChangesNothing() {
		PortalSession session = signedIn(this.caller);

		HttpResponse<String> refused = session.postWithoutToken("/portal/settings",
				Map.of("language", "id", "timeZone", "Asia/Tokyo"));

		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(this.identity.getUserInfo(this.caller, Readers.TIME_ZONE_INFO)).isNull();
	}

	@Test
	void staffHaveSettingsToo() {
		String agent = new PortalWorld(this.identity, this.cmdb, this.knowledge).agent(this.tenant);
		PortalSession session = signedIn(agent);
		assertThat(session.get("/portal").body()).contains("href=\"/portal/settings\"");
		session.get("/portal/settings");

		assertThat(session.post("/portal/settings", Map.of("language", "en", "timeZone", "Asia/Jakarta")).statusCode())
			.isEqualTo(302);

		assertThat(this.identity.getUserInfo(agent, Readers.TIME_ZONE_INFO)).isEqualTo("Asia/Jakarta");
		assertThat(this.identity.getUserInfo(agent, UserSettings.LANGUAGE_INFO)).isEqualTo("en");
	}

	/**
	 * The same user saving from several tabs or devices at once, and other users at the
	 * same moment: every save is answered, and each user ends with one value, one of
	 * those sent (Camunda's user info has no unique key: two inserts of one key would
	 * make every later read of it fail).
	 */
	@Test
	@BothDatabases
	void concurrentSavesLeaveOneValueEach() throws Exception {
		PortalWorld world = new PortalWorld(this.identity, this.cmdb, this.knowledge);
		List<String> users = List.of(this.caller, world.caller(this.tenant), world.caller(this.tenant));
		List<String> zones = List.of("Asia/Tokyo", "Asia/Jakarta", "Europe/Amsterdam", "America/Sao_Paulo");
		List<PortalSession> sessions = new ArrayList<>();
		List<String> owners = new ArrayList<>();
		for (String user : users) {
			for (int tab = 0; tab < 8; tab++) {
				PortalSession session = signedIn(user);
				session.get("/portal/settings");
				sessions.add(session);
				owners.add(user);
			}
		}
		ExecutorService clients = Executors.newFixedThreadPool(sessions.size());
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Integer>> answers = new ArrayList<>();
			for (int i = 0; i < sessions.size(); i++) {
				PortalSession session = sessions.get(i);
				String zone = zones.get(i % zones.size());
				String language = (i % 2 == 0) ? "id" : "en";
				answers.add(clients.submit(() -> {
					start.await();
					return session.post("/portal/settings", Map.of("language", language, "timeZone", zone))
						.statusCode();
				}));
			}
			start.countDown();
			for (Future<Integer> answer : answers) {
				assertThat(answer.get(60, TimeUnit.SECONDS)).isEqualTo(302);
			}
		}
		finally {
			clients.shutdownNow();
		}
		for (String user : users) {
			assertThat(this.identity.getUserInfo(user, Readers.TIME_ZONE_INFO)).as(user).isIn(zones);
			assertThat(this.identity.getUserInfo(user, UserSettings.LANGUAGE_INFO)).as(user).isIn("id", "en");
			PortalSession session = sessions.get(owners.indexOf(user));
			assertThat(session.get("/portal/settings").statusCode()).as(user).isEqualTo(200);
			assertThat(session.get("/portal/incidents").statusCode()).as(user).isEqualTo(200);
		}
	}

	@Test
	void theSettingsNeedASignIn() {
		HttpResponse<String> page = new PortalSession(this.port).get("/portal/settings");

		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue("Location").orElse("")).endsWith("/login");
	}

	private PortalSession signedIn(String user) {
		return PortalSession.signedIn(this.port, user, PortalWorld.password(user));
	}

	private String local(String zone) {
		return MINUTES.format(this.incident.createdAt().atZoneSameInstant(ZoneId.of(zone)));
	}

}

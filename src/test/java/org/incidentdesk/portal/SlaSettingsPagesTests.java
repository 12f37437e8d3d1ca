package org.incidentdesk.portal;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.slapolicy.SlaPolicy;
import org.incidentdesk.slapolicy.SlaSettings;
import org.incidentdesk.slapolicy.SlaSettingsStore;
import org.incidentdesk.slapolicy.SlaValues;
import org.incidentdesk.tenancy.Tenancy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The administrators' SLA settings pages in the portal: the global settings with every
 * organisation's, an organisation's override, the refusals shown on the form, and that
 * nobody but administrators gets in. Overrides are made for organisations of the test's
 * own; the global settings are put back after each test.
 */
@IncidentDeskTest
class SlaSettingsPagesTests {

	@LocalServerPort
	int port;

	@Autowired
	Tenancy tenancy;

	@Autowired
	SlaSettingsStore settings;

	@Autowired
	SlaSettings properties;

	@Autowired
	SlaPolicy policy;

	@AfterEach
	void putBackTheGlobalSettings() {
		this.settings.replaceGlobal(new SlaValues(this.properties.autoCloseAfter(),
				this.properties.callerReplyTimeout(), new LinkedHashSet<>(this.properties.pausingReasons())), null,
				"test");
	}

	@Test
	void anAdministratorChangesTheGlobalSettingsInThePortal() {
		// Given a signed-in administrator on the SLA settings page
		PortalSession admin = PortalSession.signedIn(this.port, "demo", "demo");
		assertThat(admin.get("/portal").body()).contains("id=\"sla-link\"");
		HttpResponse<String> page = admin.get("/portal/admin/sla");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("value=\"P3D\"")
			.contains("value=\"P2D\"")
			.contains("id=\"sla-globex\"")
			.contains("id=\"reason-AWAITING_VENDOR\" checked");
		int version = this.settings.global().version();

		// When they shorten the auto-close period and let only the caller pause the clock
		HttpResponse<String> saved = admin.post("/portal/admin/sla",
				form("PT36H", "P2D", null, "AWAITING_CALLER", String.valueOf(version)));

		// Then the settings are stored as the next version and count at once
		assertThat(saved.statusCode()).isEqualTo(302);
		assertThat(this.settings.global().version()).isEqualTo(version + 1);
		assertThat(this.policy.settingsFor("globex").autoCloseAfter()).isEqualTo(Duration.ofHours(36));
		assertThat(this.policy.pausingReasons("globex")).containsExactly("AWAITING_CALLER");
		HttpResponse<String> again = admin.get("/portal/admin/sla");
		assertThat(again.body()).contains("The SLA settings were saved.")
			.contains("value=\"P1DT12H\"")
			.contains("Version " + (version + 1) + " of the global settings: changed by demo");

		// And the page speaks Bahasa Indonesia too
		assertThat(admin.get("/portal/admin/sla?lang=id").body()).contains("Pengaturan SLA")
			.contains("Menunggu vendor (pihak ketiga)")
			.contains("dari pengaturan umum: diubah oleh demo");
	}

	@Test
	void anAdministratorGivesAnOrganisationAnOverrideAndRemovesIt() {
		// Given an organisation without an override
		String tenant = newTenant();
		PortalSession admin = PortalSession.signedIn(this.port, "demo", "demo");
		HttpResponse<String> page = admin.get("/portal/admin/sla/" + tenant);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("no override yet").contains("placeholder=\"P3D\"");

		// When its auto-close period is set and nothing pauses its clock
		HttpResponse<String> saved = admin.post("/portal/admin/sla/" + tenant, form("P5D", "", "own", null, "0"));

		// Then its new timers use the override, the rest follows the global settings
		assertThat(saved.statusCode()).isEqualTo(302);
		assertThat(this.policy.autoCloseAfter(tenant)).isEqualTo("P5D");
		assertThat(this.policy.callerReplyTimeout(tenant)).isEqualTo("P2D");
		assertThat(this.policy.pausingReasons(tenant)).isEmpty();
		assertThat(admin.get("/portal/admin/sla").body()).contains("id=\"sla-" + tenant + "\"");
		HttpResponse<String> again = admin.get("/portal/admin/sla/" + tenant);
		assertThat(again.body()).contains("The SLA settings were saved.")
			.contains("value=\"P5D\"")
			.contains("Version 1 of " + tenant + ": changed by demo");

		// When the override is removed
		HttpResponse<String> removed = admin.post("/portal/admin/sla/" + tenant + "/removal", Map.of("version", "1"));

		// Then the organisation follows the global settings again
		assertThat(removed.statusCode()).isEqualTo(302);
		assertThat(this.policy.autoCloseAfter(tenant)).isEqualTo("P3D");
		assertThat(this.policy.pausingReasons(tenant)).contains("AWAITING_CALLER");
	}

	@Test
	void badSettingsAreShownAgainNamingWhatToCorrectAndAStaleFormOverwritesNothing() {
		String tenant = newTenant();
		PortalSession admin = PortalSession.signedIn(this.port, "demo", "demo");
		admin.get("/portal/admin/sla/" + tenant);

		HttpResponse<String> bad = admin.post("/portal/admin/sla/" + tenant,
				form("-P1D", "soon", "own", "AWAITING_GODOT", "0"));
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(bad.body()).contains("The SLA settings were not saved")
			.contains("autoCloseAfter: must be longer than zero")
			.contains("callerReplyTimeout: &#39;soon&#39; is not an ISO-8601 duration")
			.contains("pausingReasons[0]: &#39;AWAITING_GODOT&#39; is no hold reason")
			.contains("value=\"-P1D\"");
		assertThat(this.settings.override(tenant).version()).isZero();

		admin.post("/portal/admin/sla/" + tenant, form("P5D", "", "global", null, "0"));
		HttpResponse<String> stale = admin.post("/portal/admin/sla/" + tenant, form("P9D", "", "global", null, "0"));
		assertThat(stale.statusCode()).isEqualTo(409);
		assertThat(stale.body()).contains("Somebody changed these SLA settings since you opened them");
		assertThat(this.policy.autoCloseAfter(tenant)).isEqualTo("P5D");

		HttpResponse<String> global = admin.post("/portal/admin/sla", form("", "P2D", null, null, null));
		assertThat(global.statusCode()).isEqualTo(400);
		assertThat(global.body()).contains("autoCloseAfter: is required");
	}

	@Test
	void onlyAdministratorsSeeOrUseTheSlaSettingsPages() {
		String tenant = newTenant();
		PortalSession sam = PortalSession.signedIn(this.port, "sam", "demo");

		assertThat(sam.get("/portal").body()).doesNotContain("/portal/admin/sla");
		assertThat(sam.get("/portal/admin/sla").statusCode()).isEqualTo(403);
		assertThat(sam.get("/portal/admin/sla/" + tenant).statusCode()).isEqualTo(403);
		assertThat(sam.post("/portal/admin/sla/" + tenant, form("P9D", "", "global", null, "0")).statusCode())
			.isEqualTo(403);
		assertThat(this.policy.autoCloseAfter(tenant)).isEqualTo("P3D");

		PortalSession admin = PortalSession.signedIn(this.port, "demo", "demo");
		assertThat(admin.get("/portal/admin/sla/no-such-" + tenant).statusCode()).isEqualTo(404);
	}

	private static Map<String, String> form(String autoCloseAfter, String callerReplyTimeout, String pausing,
			String pausingReasons, String version) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("autoCloseAfter", autoCloseAfter);
		form.put("callerReplyTimeout", callerReplyTimeout);
		if (pausing != null) {
			form.put("pausing", pausing);
		}
		if (pausingReasons != null) {
			form.put("pausingReasons", pausingReasons);
		}
		if (version != null) {
			form.put("version", version);
		}
		return form;
	}

	private String newTenant() {
		String id = "slap-" + UUID.randomUUID().toString().substring(0, 8);
		this.tenancy.ensureTenant(id, "SLA page test " + id, List.of());
		return id;
	}

}

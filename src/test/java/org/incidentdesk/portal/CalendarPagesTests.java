package org.incidentdesk.portal;

import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.sla.BusinessCalendars;
import org.incidentdesk.sla.StoredCalendar;
import org.incidentdesk.sla.WorkingSpan;
import org.incidentdesk.tenancy.Tenancy;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The administrators' business calendar pages in the portal: the list, the form that
 * saves a calendar with its version, the refusals shown on the form, and that nobody but
 * administrators gets in. Each test makes an organisation of its own.
 */
@IncidentDeskTest
class CalendarPagesTests {

	@LocalServerPort
	int port;

	@Autowired
	Tenancy tenancy;

	@Autowired
	BusinessCalendars calendars;

	@Test
	void anAdministratorSetsAnOrganisationsCalendarInThePortal() {
		// Given an organisation on the default calendar, and a signed-in administrator
		String tenant = newTenant();
		PortalSession admin = PortalSession.signedIn(this.port, "demo", "demo");

		// When they open the list and the organisation's form
		HttpResponse<String> list = admin.get("/portal/admin/calendars");
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.body()).contains("id=\"calendar-globex\"").contains("Asia/Jakarta").contains(tenant);
		HttpResponse<String> form = admin.get("/portal/admin/calendars/" + tenant);
		assertThat(form.statusCode()).isEqualTo(200);
		assertThat(form.body()).contains("value=\"UTC\"")
			.contains("value=\"08:00-17:00\"")
			.contains("default calendar");

		// And save Jakarta's hours with a lunch break and two holidays
		HttpResponse<String> saved = admin.post("/portal/admin/calendars/" + tenant,
				form("Asia/Jakarta", "08:00-12:00, 13:00-17:00",
						"2026-08-17,Proklamasi Kemerdekaan\n2026-03-21,\"Idul Fitri 1447 H, hari pertama\"", "0"));

		// Then the calendar is stored as version 1, and the form says so
		assertThat(saved.statusCode()).isEqualTo(302);
		StoredCalendar stored = this.calendars.stored(tenant);
		assertThat(stored.version()).isEqualTo(1);
		assertThat(stored.calendar().zone().getId()).isEqualTo("Asia/Jakarta");
		assertThat(stored.calendar().spansOn(DayOfWeek.TUESDAY)).extracting(WorkingSpan::toString)
			.containsExactly("08:00-12:00", "13:00-17:00");
		assertThat(stored.calendar().spansOn(DayOfWeek.SATURDAY)).isEmpty();
		assertThat(stored.calendar().holidays()).containsEntry(LocalDate.parse("2026-03-21"),
				"Idul Fitri 1447 H, hari pertama");
		assertThat(saved.headers().firstValue("Location").orElseThrow()).endsWith("/portal/admin/calendars/" + tenant);
		HttpResponse<String> again = admin.get("/portal/admin/calendars/" + tenant);
		assertThat(again.body()).contains("The calendar was saved.")
			.contains("Version 1: calendar saved by demo")
			.contains("2026-03-21,&quot;Idul Fitri 1447 H, hari pertama&quot;");
	}

	@Test
	void aBadCalendarIsShownAgainNamingWhatToCorrectAndNothingIsSaved() {
		String tenant = newTenant();
		PortalSession admin = PortalSession.signedIn(this.port, "demo", "demo");
		admin.get("/portal/admin/calendars/" + tenant);

		HttpResponse<String> overlapping = admin.post("/portal/admin/calendars/" + tenant,
				form("Asia/Jakarta", "08:00-12:00, 11:00-13:00", "", "0"));
		assertThat(overlapping.statusCode()).isEqualTo(400);
		assertThat(overlapping.body()).contains("The calendar was not saved")
			.contains("workingHours.MONDAY: the spans 08:00-12:00 and 11:00-13:00 overlap")
			.contains("value=\"08:00-12:00, 11:00-13:00\"");

		HttpResponse<String> badLines = admin.post("/portal/admin/calendars/" + tenant,
				form("Asia/Jakarta", "08:00-17:00", "2026-02-30,Not a day\n2026-08-17\n", "0"));
		assertThat(badLines.statusCode()).isEqualTo(400);
		assertThat(badLines.body()).contains("holidays line 1: &#39;2026-02-30&#39; is no date")
			.contains("holidays line 2: has 1 fields");

		HttpResponse<String> zone = admin.post("/portal/admin/calendars/" + tenant,
				form("Asia/Atlantis", "08:00-17:00", "", "0"));
		assertThat(zone.statusCode()).isEqualTo(400);
		assertThat(zone.body()).contains("timeZone: &#39;Asia/Atlantis&#39; is no time zone");

		assertThat(this.calendars.stored(tenant).isDefault()).isTrue();
	}

	@Test
	void aFormBasedOnAnOlderVersionIsRefusedAndOverwritesNothing() {
		// Given an organisation whose calendar somebody changed after the form was opened
		String tenant = newTenant();
		PortalSession admin = PortalSession.signedIn(this.port, "demo", "demo");
		admin.get("/portal/admin/calendars/" + tenant);
		admin.post("/portal/admin/calendars/" + tenant, form("Asia/Jakarta", "08:00-17:00", "", "0"));

		// When the form of version 0 is sent again
		HttpResponse<String> stale = admin.post("/portal/admin/calendars/" + tenant,
				form("Europe/Amsterdam", "09:00-17:30", "", "0"));

		// Then it is refused with a message and the stored calendar stays
		assertThat(stale.statusCode()).isEqualTo(409);
		assertThat(stale.body()).contains("Somebody changed this calendar since you opened it");
		assertThat(this.calendars.stored(tenant).calendar().zone().getId()).isEqualTo("Asia/Jakarta");
	}

	@Test
	void onlyAdministratorsSeeOrUseTheCalendarPages() {
		String tenant = newTenant();
		PortalSession sam = PortalSession.signedIn(this.port, "sam", "demo");

		assertThat(sam.get("/portal").body()).doesNotContain("/portal/admin/calendars");
		assertThat(sam.get("/portal/admin/calendars").statusCode()).isEqualTo(403);
		assertThat(sam.get("/portal/admin/calendars/" + tenant).statusCode()).isEqualTo(403);
		assertThat(sam.post("/portal/admin/calendars/" + tenant, form("UTC", "08:00-17:00", "", "0")).statusCode())
			.isEqualTo(403);
		assertThat(this.calendars.stored(tenant).isDefault()).isTrue();

		PortalSession admin = PortalSession.signedIn(this.port, "demo", "demo");
		assertThat(admin.get("/portal").body()).contains("id=\"calendars-link\"");
		assertThat(admin.get("/portal/admin/calendars/no-such-" + tenant).statusCode()).isEqualTo(404);
	}

	private static Map<String, String> form(String zone, String weekdays, String holidays, String version) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("timeZone", zone);
		for (String day : List.of("monday", "tuesday", "wednesday", "thursday", "friday")) {
			form.put(day, weekdays);
		}
		form.put("saturday", "");
		form.put("sunday", "");
		form.put("holidays", holidays);
		form.put("version", version);
		return form;
	}

	private String newTenant() {
		String id = "calp-" + UUID.randomUUID().toString().substring(0, 8);
		this.tenancy.ensureTenant(id, "Calendar page test " + id, List.of());
		return id;
	}

}

package org.incidentdesk.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.incidentdesk.BothDatabases;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.knowledge.KnowledgeBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.HtmlUtils;

/**
 * The manager dashboard over HTTP with the portal's session: the figures of a known data
 * set ({@link DashboardWorld}) for one organisation (in its time zone) and for all, equal
 * to the report API's; the exports, byte for byte the API's; and the API's refusals.
 */
@IncidentDeskTest
class DashboardPagesTests {

	private static final Pattern HREF = Pattern.compile("id=\"(export-csv|export-json)\"[^>]*href=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	@Autowired
	TestRestTemplate http;

	@Autowired
	ObjectMapper json;

	@Autowired
	IdentityService identity;

	@Autowired
	KnowledgeBase knowledge;

	DashboardWorld world;

	@BeforeEach
	void knownData() throws Exception {
		this.world = new DashboardWorld(this.http, this.json, this.identity, this.knowledge).build();
	}

	@BothDatabases
	@Test
	void aManagerSeesTheFiguresOfOneOrganisationInItsTimeZoneAsTheReportApiCountsThem() throws Exception {
		// Given the manager of both organisations, signed in to the portal
		PortalSession manager = PortalSession.signedIn(this.port, this.world.manager, DashboardWorld.PASSWORD);

		// When they open the dashboard for the organisation in Jakarta
		HttpResponse<String> page = manager.get("/portal/dashboard?tenantId=" + this.world.jkt);

		// Then it shows the data set's figures
		assertThat(page.statusCode()).isEqualTo(200);
		String html = page.body();
		assertThat(text(html, "kpi-opened")).isEqualTo("4");
		assertThat(text(html, "kpi-resolved")).isEqualTo("2");
		assertThat(text(html, "kpi-closed")).isEqualTo("2");
		assertThat(text(html, "kpi-mttr")).isEqualTo("90.0 min");
		assertThat(text(html, "kpi-fcr-rate")).isEqualTo("50%");
		assertThat(text(html, "kpi-reopen-rate")).isEqualTo("50%");
		assertThat(text(html, "kpi-deflections")).isEqualTo("0");
		assertThat(text(html, "kpi-open-now")).isEqualTo("2");
		assertThat(text(html, "kpi-at-risk")).isEqualTo("1");
		assertThat(text(html, "kpi-breached")).isEqualTo("1");
		assertThat(rows(html, "table-priority")).containsExactly(Map.entry("P1", "0"), Map.entry("P2", "2"),
				Map.entry("P3", "0"), Map.entry("P4", "0"), Map.entry("P5", "0"));
		assertThat(rows(html, "table-group")).containsExactly(Map.entry("service-desk", "2"));
		assertThat(html).contains("Service desk");
		assertThat(rows(html, "table-tenant")).containsExactly(Map.entry(this.world.jkt, "2 1 1"));
		// And the days are Jakarta's, from 30 days before tomorrow
		LocalDate today = this.world.now.atZone(DashboardWorld.JAKARTA).toLocalDate();
		Map<String, String> days = rows(html, "table-days");
		assertThat(days).hasSize(30).containsKey(today.toString()).doesNotContainKey(today.plusDays(1).toString());
		assertThat(text(html, "dashboard-scope")).contains("Asia/Jakarta")
			.contains(this.world.tenantName(this.world.jkt));
		SortedMap<LocalDate, Long> opened = DashboardWorld.perDay(this.world.reported.get(this.world.jkt),
				DashboardWorld.JAKARTA);
		SortedMap<LocalDate, Long> resolved = DashboardWorld.perDay(this.world.resolved.get(this.world.jkt),
				DashboardWorld.JAKARTA);
		days.forEach((day, cells) -> assertThat(cells).as(day)
			.isEqualTo(opened.getOrDefault(LocalDate.parse(day), 0L) + " "
					+ resolved.getOrDefault(LocalDate.parse(day), 0L)));

		// And the report API counts the same for the same period and time zone
		JsonNode api = api(this.world.manager, "/api/v1/reports/incidents?tenantId=" + this.world.jkt + "&from="
				+ today.minusDays(29) + "&to=" + today.plusDays(1) + "&timeZone=Asia/Jakarta");
		JsonNode figures = api.get("tenants").get(0);
		assertThat(figures.get("opened").asLong()).isEqualTo(4);
		assertThat(figures.get("openedByPriority").get("P2").asLong()).isEqualTo(3);
		assertThat(figures.get("openedByPriority").get("P4").asLong()).isEqualTo(1);
		assertThat(figures.get("openNow").asLong()).isEqualTo(2);
		assertThat(figures.get("atRiskNow").asLong()).isEqualTo(1);
		assertThat(figures.get("breachedNow").asLong()).isEqualTo(1);
		assertThat(figures.get("firstContactResolutions").asLong()).isEqualTo(1);
		assertThat(figures.get("reopenedIncidents").asLong()).isEqualTo(1);
		assertThat(figures.get("meanMinutesToResolve").asDouble()).isEqualTo(90.0);
		assertThat(api.get("from").asText()).isEqualTo(today.minusDays(29) + "T00:00:00+07:00");
		opened.forEach((day, n) -> assertThat(figures.get("openedPerDay").get(day.toString()).asLong()).isEqualTo(n));

		// And the exports are the API's answers for that choice, byte for byte
		Map<String, String> exports = exports(html);
		String period = "&from=" + today.minusDays(29) + "&to=" + today.plusDays(1);
		assertThat(exports.get("export-csv"))
			.isEqualTo("/portal/dashboard/export?tenantId=" + this.world.jkt + period + "&format=csv");
		HttpResponse<byte[]> csv = manager.download(exports.get("export-csv"));
		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
		assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment")
			.contains("incidents-" + today.minusDays(29) + "-" + today.plusDays(1) + ".csv");
		String csvText = new String(csv.body(), StandardCharsets.UTF_8);
		assertThat(csvText).isEqualTo(
				this.world
					.send(this.world.manager, HttpMethod.GET,
							"/api/v1/reports/incidents?tenantId=" + this.world.jkt + period
									+ "&timeZone=Asia/Jakarta&format=csv",
							null)
					.getBody());
		Map<String, String> line = csvLine(csvText, this.world.jkt);
		assertThat(line).containsEntry("opened", "4")
			.containsEntry("opened_p2", "3")
			.containsEntry("opened_p4", "1")
			.containsEntry("open_now", "2")
			.containsEntry("open_now_p2", "2")
			.containsEntry("closed", "2")
			.containsEntry("first_contact_resolutions", "1")
			.containsEntry("reopens", "1")
			.containsEntry("reopened_incidents", "1")
			.containsEntry("at_risk_now", "1")
			.containsEntry("breached_now", "1")
			.containsEntry("mean_minutes_to_resolve", "90.0");
		HttpResponse<byte[]> exported = manager.download(exports.get("export-json"));
		assertThat(exported.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(exported.body()))
			.isEqualTo(this.json.readTree(
					this.world
						.send(this.world.manager, HttpMethod.GET,
								"/api/v1/reports/incidents?tenantId=" + this.world.jkt + period
										+ "&timeZone=Asia/Jakarta",
								null)
						.getBody()));
		// And the page names the same request of the API
		assertThat(HtmlUtils.htmlUnescape(text(html, "api-link")))
			.isEqualTo("/api/v1/reports/incidents?tenantId=" + this.world.jkt + period + "&timeZone=Asia/Jakarta");
	}

	@BothDatabases
	@Test
	void allOrganisationsAddUpTheReportApisFiguresInUtcDays() throws Exception {
		PortalSession manager = PortalSession.signedIn(this.port, this.world.manager, DashboardWorld.PASSWORD);

		// When the manager chooses all organisations (the chooser's first option)
		HttpResponse<String> page = manager.get("/portal/dashboard?tenantId=");

		// Then the chooser offers each organisation they serve, and "all" is chosen
		String html = page.body();
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(html).contains("<option value=\"\" selected=\"selected\">All organisations</option>")
			.contains("<option value=\"" + this.world.jkt + "\">" + this.world.tenantName(this.world.jkt) + " ("
					+ this.world.jkt + ")</option>")
			.contains("value=\"" + this.world.utc + "\"");
		// And each organisation's row is its own figures
		Map<String, String> tenants = rows(html, "table-tenant");
		assertThat(tenants).containsEntry(this.world.jkt, "2 1 1").containsEntry(this.world.utc, "2 0 0");
		// And the totals are the API's figures of every organisation the manager serves,
		// in UTC days
		LocalDate today = this.world.now.atZone(ZoneOffset.UTC).toLocalDate();
		JsonNode api = api(this.world.manager,
				"/api/v1/reports/incidents?from=" + today.minusDays(29) + "&to=" + today.plusDays(1));
		Map<String, Long> totals = new HashMap<>();
		for (JsonNode t : api.get("tenants")) {
			for (String figure : List.of("opened", "resolved", "closed", "openNow", "atRiskNow", "breachedNow",
					"deflections")) {
				totals.merge(figure, t.get(figure).asLong(), Long::sum);
			}
		}
		assertThat(text(html, "kpi-opened")).isEqualTo(totals.get("opened").toString());
		assertThat(text(html, "kpi-resolved")).isEqualTo(totals.get("resolved").toString());
		assertThat(text(html, "kpi-closed")).isEqualTo(totals.get("closed").toString());
		assertThat(text(html, "kpi-open-now")).isEqualTo(totals.get("openNow").toString());
		assertThat(text(html, "kpi-at-risk")).isEqualTo(totals.get("atRiskNow").toString());
		assertThat(text(html, "kpi-breached")).isEqualTo(totals.get("breachedNow").toString());
		assertThat(text(html, "kpi-deflections")).isEqualTo(totals.get("deflections").toString());
		assertThat(totals.get("deflections")).isGreaterThanOrEqualTo(1);
		// And the days are UTC days
		assertThat(text(html, "dashboard-scope")).contains("UTC");
		assertThat(rows(html, "table-days")).containsKey(today.toString());
		// And the JSON export is the API's answer for every organisation
		HttpResponse<byte[]> exported = manager.download(exports(html).get("export-json"));
		assertThat(this.json.readTree(exported.body())).isEqualTo(api);
	}

	@Test
	void onlyReadersOfTheReportApiGetInWithTheApisAnswers() throws Exception {
		String jkt = "/portal/dashboard?tenantId=" + this.world.jkt;
		// An incident manager of other organisations: as if it were not there (404)
		PortalSession ines = PortalSession.signedIn(this.port, "ines", "demo");
		assertThat(ines.get(jkt).statusCode()).isEqualTo(404);
		assertThat(ines.get("/portal/dashboard/export?format=csv&tenantId=" + this.world.jkt).statusCode())
			.isEqualTo(404);
		expectApi("ines", "/api/v1/reports/incidents?tenantId=" + this.world.jkt, 404);
		HttpResponse<String> own = ines.get("/portal/dashboard");
		assertThat(own.statusCode()).isEqualTo(200);
		assertThat(own.body()).contains("value=\"acme\"").doesNotContain(this.world.jkt);
		// Callers and the service desk: refused (403), as by the API
		for (String[] user : List.of(new String[] { DashboardWorld.callerOf(this.world.jkt), DashboardWorld.PASSWORD },
				new String[] { "sam", "demo" }, new String[] { "alice", "demo" })) {
			PortalSession refused = PortalSession.signedIn(this.port, user[0], user[1]);
			assertThat(refused.get("/portal/dashboard").statusCode()).as(user[0]).isEqualTo(403);
			assertThat(refused.get("/portal/dashboard/export?format=json").statusCode()).as(user[0]).isEqualTo(403);
			assertThat(refused.get("/portal").body()).as(user[0]).doesNotContain("/portal/dashboard");
			expectApi(user[0], "/api/v1/reports/incidents", 403);
		}
		// The auditor reads every organisation; nobody signed out does
		PortalSession audrey = PortalSession.signedIn(this.port, "audrey", "demo");
		HttpResponse<String> audited = audrey.get(jkt);
		assertThat(audited.statusCode()).isEqualTo(200);
		assertThat(text(audited.body(), "kpi-opened")).isEqualTo("4");
		assertThat(audrey.get("/portal").body()).contains("id=\"dashboard-link\"");
		HttpResponse<String> anonymous = new PortalSession(this.port).get("/portal/dashboard");
		assertThat(anonymous.statusCode()).isEqualTo(302);
		assertThat(anonymous.headers().firstValue("Location").orElseThrow()).endsWith("/login");
		// The chart library is one of the portal's open assets, and no other WebJar is
		PortalSession outside = new PortalSession(this.port);
		HttpResponse<String> library = outside.get("/portal/assets/vendor/echarts/dist/echarts.min.js");
		assertThat(library.statusCode()).isEqualTo(200);
		assertThat(library.headers().firstValue("Content-Type").orElseThrow()).contains("javascript");
		assertThat(library.body()).contains("echarts");
		assertThat(outside.get("/portal/assets/vendor/echarts/5.3.1/dist/echarts.min.js").statusCode()).isEqualTo(404);
		assertThat(outside.get("/portal/assets/vendor/swagger-ui/index.html").statusCode()).isNotEqualTo(200);
	}

	@Test
	void aBadPeriodIsABadRequestInTheReadersLanguage() {
		PortalSession manager = PortalSession.signedIn(this.port, this.world.manager, DashboardWorld.PASSWORD);
		assertThat(manager.get("/portal/dashboard?from=2026-02-30").statusCode()).isEqualTo(400);
		assertThat(manager.get("/portal/dashboard?from=2026-05-01&to=2026-04-01").statusCode()).isEqualTo(400);
		assertThat(manager.get("/portal/dashboard?from=2024-01-01&to=2026-01-01").statusCode()).isEqualTo(400);
		assertThat(manager.get("/portal/dashboard/export?format=xlsx").statusCode()).isEqualTo(400);
		HttpResponse<String> indonesian = manager.get("/portal/dashboard?tenantId=" + this.world.utc + "&lang=id");
		assertThat(indonesian.statusCode()).isEqualTo(200);
		assertThat(indonesian.body()).contains("Dasbor manajer").contains("Insiden terbuka per prioritas");
	}

	/** The text of the element with the id, tags removed. */
	static String text(String html, String id) {
		Matcher element = Pattern.compile("id=\"" + Pattern.quote(id) + "\"[^>]*>(.*?)</(dd|p|code)>", Pattern.DOTALL)
			.matcher(html);
		assertThat(element.find()).as(id).isTrue();
		return HtmlUtils.htmlUnescape(element.group(1).replaceAll("<[^>]+>", "").replaceAll("\\s+", " ").trim());
	}

	/** The rows of a figures table: data-key to the data-values of its cells. */
	static Map<String, String> rows(String html, String tableId) {
		Matcher table = Pattern.compile("<table[^>]*id=\"" + tableId + "\".*?</table>", Pattern.DOTALL).matcher(html);
		assertThat(table.find()).as(tableId).isTrue();
		Map<String, String> rows = new java.util.LinkedHashMap<>();
		Matcher row = Pattern.compile("<tr data-key=\"([^\"]+)\">(.*?)</tr>", Pattern.DOTALL).matcher(table.group());
		while (row.find()) {
			Matcher value = Pattern.compile("data-value=\"([^\"]*)\"").matcher(row.group(2));
			StringBuilder values = new StringBuilder();
			while (value.find()) {
				values.append(values.isEmpty() ? "" : " ").append(value.group(1));
			}
			rows.put(HtmlUtils.htmlUnescape(row.group(1)), values.toString());
		}
		return rows;
	}

	private static Map<String, String> exports(String html) {
		Map<String, String> links = new HashMap<>();
		Matcher link = HREF.matcher(html);
		while (link.find()) {
			links.put(link.group(1), HtmlUtils.htmlUnescape(link.group(2)));
		}
		return links;
	}

	private static Map<String, String> csvLine(String csv, String tenant) {
		String[] lines = csv.split("\r\n");
		String[] header = lines[0].split(",");
		for (String line : lines) {
			if (line.startsWith(tenant + ",")) {
				String[] cells = line.split(",", -1);
				Map<String, String> named = new HashMap<>();
				for (int i = 0; i < header.length; i++) {
					named.put(header[i], cells[i]);
				}
				return named;
			}
		}
		throw new AssertionError("No line for " + tenant + " in " + csv);
	}

	private JsonNode api(String user, String path) throws Exception {
		ResponseEntity<String> response = this.world.send(user, HttpMethod.GET, path, null);
		DashboardWorld.expect(response, 200);
		return this.json.readTree(response.getBody());
	}

	private void expectApi(String user, String path, int status) {
		DashboardWorld.expect(this.world.send(user, HttpMethod.GET, path, null), status);
	}

}

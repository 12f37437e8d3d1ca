package org.incidentdesk.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.knowledge.KnowledgeBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;

/**
 * The manager dashboard in a real browser (headless chromium): the charts are drawn (a
 * canvas in each) from the figures shown beside them, which are the known data set's
 * ({@link DashboardWorld}); the organisation chooser; the export links work with the
 * browser's session; the page's Content-Security-Policy refuses nothing it loads; a
 * caller and a manager of other organisations are refused.
 */
@IncidentDeskTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardJourneyTests {

	private static final List<String> CHARTS = List.of("chart-priority", "chart-group", "chart-tenant", "chart-sla",
			"chart-days");

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

	Browser browser;

	@BeforeAll
	void startBrowser() {
		this.browser = Browser.start(this.port);
	}

	@AfterAll
	void stopBrowser() {
		if (this.browser != null) {
			this.browser.close();
		}
	}

	@Test
	void aManagerChoosesAnOrganisationSeesItsChartsAndFiguresAndExportsThem() throws Exception {
		// Given the known data set, and its manager signed in
		DashboardWorld world = new DashboardWorld(this.http, this.json, this.identity, this.knowledge).build();
		this.browser.signIn(world.manager, DashboardWorld.PASSWORD);

		// When they follow the start page's link to the dashboard
		this.browser.find(By.id("dashboard-link")).click();

		// Then every chart is drawn, for all the organisations they serve
		chartsDrawn();
		assertThat(new Select(this.browser.driver.findElement(By.id("tenantId"))).getFirstSelectedOption().getText())
			.isEqualTo("All organisations");
		assertThat(cell("table-tenant", world.jkt)).isEqualTo(world.tenantName(world.jkt) + " 2 1 1");
		assertThat(cell("table-tenant", world.utc)).isEqualTo(world.tenantName(world.utc) + " 2 0 0");

		// When they choose the organisation in Jakarta
		WebElement before = this.browser.driver.findElement(By.id("main"));
		new Select(this.browser.driver.findElement(By.id("tenantId"))).selectByValue(world.jkt);
		this.browser.driver.findElement(By.id("dashboard-show")).click();
		this.browser.waiting().until(ExpectedConditions.stalenessOf(before));
		assertThat(this.browser.driver.getCurrentUrl()).contains("tenantId=" + world.jkt);

		// Then the charts are drawn again, and the figures beside them are the data set's
		chartsDrawn();
		assertThat(text("kpi-opened")).isEqualTo("4");
		assertThat(text("kpi-closed")).isEqualTo("2");
		assertThat(text("kpi-mttr")).isEqualTo("90.0 min");
		assertThat(text("kpi-fcr-rate")).isEqualTo("50%");
		assertThat(text("kpi-reopen-rate")).isEqualTo("50%");
		assertThat(text("kpi-open-now")).isEqualTo("2");
		assertThat(text("kpi-at-risk")).isEqualTo("1");
		assertThat(text("kpi-breached")).isEqualTo("1");
		assertThat(cell("table-priority", "P2")).isEqualTo("P2 2");
		assertThat(cell("table-priority", "P4")).isEqualTo("P4 0");
		assertThat(cell("table-group", "service-desk")).isEqualTo("Service desk 2");
		assertThat(cell("table-tenant", world.jkt)).isEqualTo(world.tenantName(world.jkt) + " 2 1 1");
		assertThat(this.browser.driver.findElements(By.cssSelector("#table-tenant tbody tr"))).hasSize(1);
		LocalDate today = world.now.atZone(DashboardWorld.JAKARTA).toLocalDate();
		long openedToday = DashboardWorld.perDay(world.reported.get(world.jkt), DashboardWorld.JAKARTA)
			.getOrDefault(today, 0L);
		this.browser.driver.findElement(By.cssSelector("#days-title ~ figure details summary")).click();
		assertThat(cell("table-days", today.toString())).startsWith(today + " " + openedToday + " ");
		assertThat(text("dashboard-scope")).contains("Asia/Jakarta");

		// And the export links work with the browser's session: the API's answers
		String period = "&from=" + today.minusDays(29) + "&to=" + today.plusDays(1) + "&timeZone=Asia/Jakarta";
		String csv = download(this.browser.driver.findElement(By.id("export-csv")).getAttribute("href"));
		assertThat(csv).startsWith("tenant,from,to,opened,")
			.contains("\r\n" + world.jkt + "," + today.minusDays(29) + "," + today.plusDays(1) + ",4,")
			.isEqualTo(world
				.send(world.manager, HttpMethod.GET,
						"/api/v1/reports/incidents?format=csv&tenantId=" + world.jkt + period, null)
				.getBody());
		String exported = download(this.browser.driver.findElement(By.id("export-json")).getAttribute("href"));
		assertThat(this.json.readTree(exported)).isEqualTo(this.json.readTree(world
			.send(world.manager, HttpMethod.GET, "/api/v1/reports/incidents?tenantId=" + world.jkt + period, null)
			.getBody()));

		// And in Indonesian (the language switch leads to all organisations; the choice
		// is made again) the same figures, with Indonesian words
		WebElement english = this.browser.driver.findElement(By.id("main"));
		this.browser.driver.findElement(By.cssSelector("nav.languages a[lang=id]")).click();
		this.browser.waiting().until(ExpectedConditions.stalenessOf(english));
		assertThat(this.browser.find(By.tagName("h1")).getText()).isEqualTo("Dasbor manajer");
		WebElement all = this.browser.driver.findElement(By.id("main"));
		new Select(this.browser.driver.findElement(By.id("tenantId"))).selectByValue(world.jkt);
		this.browser.driver.findElement(By.id("dashboard-show")).click();
		this.browser.waiting().until(ExpectedConditions.stalenessOf(all));
		chartsDrawn();
		assertThat(this.browser.find(By.id("kpis-title")).getText()).isEqualTo("Dalam periode ini");
		assertThat(text("kpi-opened")).isEqualTo("4");
		assertThat(text("kpi-mttr")).isEqualTo("90.0 menit");

		// And the page's Content-Security-Policy refused nothing it loads
		List<LogEntry> refused = this.browser.driver.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter(entry -> entry.getMessage().contains("Content Security Policy"))
			.toList();
		assertThat(refused).isEmpty();
	}

	@Test
	void aCallerAndAManagerOfOtherOrganisationsAreRefused() throws Exception {
		DashboardWorld world = new DashboardWorld(this.http, this.json, this.identity, this.knowledge).build();

		// A caller: refused, and no link to it
		this.browser.signIn(DashboardWorld.callerOf(world.jkt), DashboardWorld.PASSWORD);
		assertThat(this.browser.driver.findElements(By.cssSelector("a[href*='/portal/dashboard']"))).isEmpty();
		this.browser.open("/portal/dashboard");
		assertThat(this.browser.find(By.id("error-message")).getText()).startsWith("That was refused.");
		assertThat(this.browser.driver.findElements(By.cssSelector(".chart"))).isEmpty();

		// An incident manager of other organisations: the organisation is not there for
		// them
		this.browser.signIn("ines", "demo");
		this.browser.open("/portal/dashboard?tenantId=" + world.jkt);
		assertThat(this.browser.find(By.id("error-message")).getText()).startsWith("There is nothing here");
		this.browser.open("/portal/dashboard");
		chartsDrawn(List.of("chart-priority", "chart-days"));
		List<String> choices = new Select(this.browser.driver.findElement(By.id("tenantId"))).getOptions()
			.stream()
			.map(option -> option.getAttribute("value"))
			.toList();
		assertThat(choices).contains("", "acme", "globex").doesNotContain(world.jkt, world.utc);
	}

	/** Waits until every chart has a canvas of its own with a size. */
	private void chartsDrawn() {
		chartsDrawn(CHARTS);
	}

	private void chartsDrawn(List<String> charts) {
		for (String chart : charts) {
			WebElement canvas = this.browser.find(By.cssSelector("#" + chart + "[data-rendered=true] canvas"));
			assertThat(canvas.getSize().getWidth()).as(chart).isGreaterThan(100);
			assertThat(canvas.getSize().getHeight()).as(chart).isGreaterThan(100);
		}
	}

	private String text(String id) {
		return this.browser.find(By.id(id)).getText().trim();
	}

	/** A table row's header and cells, as its text reads. */
	private String cell(String table, String key) {
		WebElement row = this.browser.driver
			.findElement(By.cssSelector("#" + table + " tbody tr[data-key='" + key + "']"));
		return row.findElements(By.cssSelector("th, td"))
			.stream()
			.map(WebElement::getText)
			.map(String::trim)
			.collect(Collectors.joining(" "));
	}

	/** Fetches a link with the browser's cookies, as a click would. */
	private String download(String url) throws IOException, InterruptedException {
		String cookies = this.browser.driver.manage()
			.getCookies()
			.stream()
			.map(cookie -> cookie.getName() + "=" + cookie.getValue())
			.collect(Collectors.joining("; "));
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookies).GET().build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(url).isEqualTo(200);
		return response.body();
	}

}

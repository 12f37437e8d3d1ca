package org.incidentdesk.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.TestReports;
import org.incidentdesk.attachment.Attachment;
import org.incidentdesk.attachment.Attachments;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.Level;
import org.incidentdesk.system.CurrentUser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal as its readers meet it, in headless chromium: an Indonesian caller on a
 * phone (her language, her name, her organisation's time zone, knowledge in her language
 * first with the matches marked, priorities explained, the service's own entries as the
 * service's), a report with files of which one is refused, and "my incidents" in pages
 * with filters.
 */
@IncidentDeskTest
class PortalReaderJourneyTests extends PortalBrowserJourney {

	private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	@Autowired
	IncidentService incidents;

	@Autowired
	Attachments attachments;

	@Test
	void anIndonesianCallerOnAPhoneReadsThePortalInHerLanguageNameAndTimeZone() {
		// Given citra of Globex (calendar in Asia/Jakarta) with an incident, on a phone
		Incident incident = this.incidents.report(TestReports.report("Kasir " + UUID.randomUUID() + " mati")
			.by("globex", "citra")
			.description("Sejak pagi.")
			.category("hardware")
			.levels(Level.MEDIUM, Level.MEDIUM)
			.build());
		this.browser.signIn("citra", "demo");
		Dimension before = this.browser.driver.manage().window().getSize();
		this.browser.driver.manage().window().setSize(new Dimension(390, 844));
		try {
			// When she switches to Bahasa Indonesia
			this.browser.open("/portal?lang=id");

			// Then she is greeted by her name, in her language
			assertThat(this.browser.find(By.id("greeting")).getText()).isEqualTo("Halo, Citra Lestari.");
			assertThat(this.browser.driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("id");
			assertNoHorizontalScrolling("/portal");

			// And her incidents list in Indonesian, with times in Jakarta's zone
			this.browser.open("/portal/incidents");
			assertThat(this.browser.find(By.tagName("h1")).getText()).isEqualTo("Insiden saya");
			WebElement row = this.browser.find(By.cssSelector("tr[data-number='" + incident.number() + "']"));
			String reported = MINUTES.format(incident.createdAt().atZoneSameInstant(ZoneId.of("Asia/Jakarta")));
			assertThat(row.getText()).contains(reported + " UTC+7").contains("Baru");
			assertThat(this.browser.find(By.id("times-zone")).getText())
				.isEqualTo("Waktu ditampilkan dalam Asia/Jakarta (UTC+7).");
			assertNoHorizontalScrolling("/portal/incidents");

			// And the incident: the priority explained, the service's entries its own
			this.browser.open("/portal/incidents/" + incident.number());
			WebElement priority = this.browser.find(By.id("incident-priority"));
			assertThat(priority.getText()).isEqualTo("P3");
			assertThat(priority.getAttribute("title")).startsWith("Sedang: ditanggapi dalam 1 jam kerja");
			List<String> authors = this.browser.driver.findElements(By.cssSelector("#timeline li"))
				.stream()
				.filter(entry -> entry.getText().contains("Prioritas"))
				.map(entry -> entry.findElement(By.cssSelector(".author")).getText())
				.toList();
			assertThat(authors).containsOnly("Incident Desk").isNotEmpty();
			assertThat(this.browser.find(By.id("timeline")).getText()).contains(reported + " UTC+7");
			assertNoHorizontalScrolling("/portal/incidents/" + incident.number());

			// When she searches the knowledge base for "surel" (Indonesian for e-mail)
			this.browser.open("/portal/knowledge");
			this.browser.find(By.id("q")).sendKeys("surel");
			this.browser.clickAndWaitForNewPage(By.cssSelector("form[role=search] button"));

			// Then the e-mail articles are found, the Indonesian ones first, each match
			// marked in its snippet
			List<WebElement> results = this.browser.waiting()
				.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector(".articles > li"), 0));
			assertThat(results.get(0).getAttribute("lang")).isEqualTo("id");
			assertThat(results.get(0).findElement(By.cssSelector(".snippet mark")).getText())
				.isEqualToIgnoringCase("email");
			assertThat(results.stream().map(result -> result.findElement(By.tagName("a")).getText()))
				.contains("Email baru tidak masuk ke Outlook");
			List<String> languages = results.stream().map(result -> result.getAttribute("lang")).toList();
			if (languages.contains("en")) {
				assertThat(languages.subList(languages.indexOf("en"), languages.size())).containsOnly("en");
			}
			assertNoHorizontalScrolling("/portal/knowledge?q=surel");
		}
		finally {
			this.browser.driver.manage().window().setSize(before);
		}
	}

	@Test
	void aCallerReportsWithFilesAndIsToldWhichOneWasNotAttached() throws IOException {
		// Given a caller and two files: a log, and a program the desk does not take
		String tenant = this.world.tenant();
		String caller = this.world.caller(tenant);
		Path folder = Files.createTempDirectory("report-files-");
		Path log = Files.writeString(folder.resolve("vpn.log"), "12:00 VPN disconnected\n", StandardCharsets.UTF_8);
		Path program = Files.write(folder.resolve("fix.exe"), new byte[] { 'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0 });
		this.browser.signIn(caller, PortalWorld.password(caller));

		// When the caller reports an incident with both files
		this.browser.open("/portal/incidents/new");
		this.browser.find(By.id("summary")).sendKeys("VPN drops every few minutes");
		this.browser.driver.findElement(By.id("files")).sendKeys(log + "\n" + program);
		this.browser.clickAndWaitForNewPage(By.id("report-submit"));

		// Then the incident is reported with the log, and the page says the program was
		// not attached
		this.browser.waiting().until(ExpectedConditions.urlMatches(".*/portal/incidents/INC\\d+$"));
		String url = this.browser.driver.getCurrentUrl();
		String number = url.substring(url.lastIndexOf('/') + 1);
		assertThat(this.browser.find(By.cssSelector(".notice")).getText()).contains("reported");
		assertThat(this.browser.find(By.id("attachments")).getText()).contains("vpn.log").doesNotContain("fix.exe");
		assertThat(this.browser.find(By.id("refused-files")).getText()).contains("not attached")
			.contains("fix.exe: this type of file cannot be attached");
		CurrentUser reader = new CurrentUser(caller, List.of(CurrentUser.CUSTOMERS), List.of(tenant));
		assertThat(this.attachments.list(number, reader)).extracting(Attachment::fileName).containsExactly("vpn.log");
		deleteAll(folder);
	}

	@Test
	void myIncidentsComeInPagesAndFilterByStateAndWords() {
		// Given a caller with twelve incidents, eleven about a unique gadget
		String tenant = this.world.tenant();
		String caller = this.world.caller(tenant);
		String gadget = "gadget" + UUID.randomUUID().toString().substring(0, 8);
		for (int i = 1; i <= 12; i++) {
			String summary = (i == 12) ? "Printer offline" : "The " + gadget + " number " + i + " is broken";
			this.incidents.report(TestReports.report(summary).by(tenant, caller).build());
		}
		this.browser.signIn(caller, PortalWorld.password(caller));

		// When the caller opens "my incidents"
		this.browser.open("/portal/incidents");

		// Then ten come on the first page, and the numbers never wrap
		assertThat(this.browser.driver.findElements(By.cssSelector("table.incidents tbody tr"))).hasSize(10);
		assertThat(this.browser.find(By.id("page-of")).getText()).isEqualTo("Page 1 of 2");
		assertThat(this.browser.driver.findElement(By.cssSelector("td.number")).getCssValue("white-space"))
			.isEqualTo("nowrap");
		this.browser.find(By.id("page-next")).click();
		this.browser.waiting().until(ExpectedConditions.textToBe(By.id("page-of"), "Page 2 of 2"));
		assertThat(this.browser.driver.findElements(By.cssSelector("table.incidents tbody tr"))).hasSize(2);

		// When they filter by the gadget's name
		this.browser.open("/portal/incidents");
		this.browser.find(By.id("filter-q")).sendKeys(gadget);
		this.browser.clickAndWaitForNewPage(By.cssSelector("#incident-filters button"));

		// Then the eleven about it come in two pages, the filter kept on the next one
		this.browser.waiting().until(ExpectedConditions.urlContains("q=" + gadget));
		assertThat(this.browser.driver.findElements(By.cssSelector("table.incidents tbody tr"))).hasSize(10)
			.allSatisfy(row -> assertThat(row.getText()).contains(gadget));
		this.browser.find(By.id("page-next")).click();
		this.browser.waiting().until(ExpectedConditions.textToBe(By.id("page-of"), "Page 2 of 2"));
		assertThat(this.browser.driver.findElements(By.cssSelector("table.incidents tbody tr"))).hasSize(1)
			.allSatisfy(row -> assertThat(row.getText()).contains(gadget));

		// When they filter by a state none of them is in
		this.browser.open("/portal/incidents?state=RESOLVED&q=" + gadget);

		// Then the page says nothing matches, and offers to show all
		assertThat(this.browser.find(By.id("incidents-none")).getText()).isEqualTo("No incident matches the filter.");
		assertThat(this.browser.driver.findElement(By.linkText("Show all")).getAttribute("href"))
			.endsWith("/portal/incidents");

		// And the legend explains the priorities
		assertThat(this.browser.driver.findElement(By.id("priority-legend")).getAttribute("textContent")).contains("P1")
			.contains("Critical: answered within 15 minutes, resolved within 4 hours, around the clock");
	}

	private void assertNoHorizontalScrolling(String page) {
		Object overflow = this.browser.driver
			.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
		assertThat(((Number) overflow).intValue()).as(page).isLessThanOrEqualTo(0);
	}

	private static void deleteAll(Path folder) {
		try (var files = Files.list(folder)) {
			for (Path file : files.toList()) {
				Files.delete(file);
			}
			Files.delete(folder);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

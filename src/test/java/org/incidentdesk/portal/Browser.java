package org.incidentdesk.portal;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.util.FileSystemUtils;

/**
 * Debian's headless chromium, driven through its chromedriver (both installed by
 * {@code scripts/verify}), with a fresh profile per browser. One per test class.
 */
public final class Browser implements AutoCloseable {

	static final Duration PATIENCE = Duration.ofSeconds(15);

	final ChromeDriver driver;

	private final Path profile;

	private final String baseUrl;

	private Browser(ChromeDriver driver, Path profile, String baseUrl) {
		this.driver = driver;
		this.profile = profile;
		this.baseUrl = baseUrl;
	}

	public static Browser start(int port) {
		return start(port, "en-US");
	}

	/**
	 * A browser whose user interface and {@code Accept-Language} are in the language
	 * ({@code "id"} for Indonesian), then English.
	 */
	public static Browser start(int port, String language) {
		try {
			Path profile = Files.createTempDirectory("portal-chromium-");
			ChromeOptions options = new ChromeOptions();
			options.setBinary("/usr/bin/chromium");
			options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
					"--lang=" + language, "--window-size=1280,900", "--user-data-dir=" + profile);
			options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages",
					language.startsWith("en") ? language + ",en" : language + ",en-US,en"));
			ChromeDriverService service = new ChromeDriverService.Builder()
				.usingDriverExecutable(new File("/usr/bin/chromedriver"))
				.usingAnyFreePort()
				.build();
			ChromeDriver driver = new ChromeDriver(service, options);
			return new Browser(driver, profile, "http://localhost:" + port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public void open(String path) {
		this.driver.get(this.baseUrl + path);
	}

	String url(String path) {
		return this.baseUrl + path;
	}

	public WebDriverWait waiting() {
		return new WebDriverWait(this.driver, PATIENCE);
	}

	public WebElement find(By by) {
		return waiting().until(ExpectedConditions.visibilityOfElementLocated(by));
	}

	/**
	 * Clicks what submits a form or follows a link, and waits until the page it was on
	 * has been replaced, so that nothing found next belongs to the old page.
	 */
	public void clickAndWaitForNewPage(By by) {
		WebElement page = this.driver.findElement(By.tagName("html"));
		this.driver.findElement(by).click();
		waiting().until(ExpectedConditions.stalenessOf(page));
	}

	/** Signs in through the portal's form, after signing out whoever was signed in. */
	void signIn(String user, String password) {
		this.driver.manage().deleteAllCookies();
		open("/login?lang=en");
		find(By.id("username")).sendKeys(user);
		this.driver.findElement(By.id("password")).sendKeys(password);
		this.driver.findElement(By.cssSelector("main form button[type=submit]")).click();
		waiting().until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
	}

	public ChromeDriver driver() {
		return this.driver;
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			FileSystemUtils.deleteRecursively(this.profile.toFile());
		}
	}

}

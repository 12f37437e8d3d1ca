package org.incidentdesk.portal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.incidentdesk.BothDatabases;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.cmdb.Cmdb;
import org.incidentdesk.knowledge.KnowledgeBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report form with files, over HTTP as a browser sends it (multipart, the token in
 * the address), on H2 and PostgreSQL: the incident stands whatever becomes of a file, a
 * refused file is named with its reason, and a form refused as a whole writes nothing.
 * Its own small client keeps the session cookie by hand: on PostgreSQL the postgres
 * profile marks it Secure, which a cookie store keeps from plain HTTP.
 */
@IncidentDeskTest
@BothDatabases
class PortalReportFilesTests {

	private static final byte[] PROGRAM = { 'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, (byte) 0xff,
			(byte) 0xff };

	@LocalServerPort
	int port;

	@Autowired
	IdentityService identity;

	@Autowired
	Cmdb cmdb;

	@Autowired
	KnowledgeBase knowledge;

	@Autowired
	JdbcClient jdbc;

	String caller;

	Session session;

	@BeforeEach
	void signIn() {
		PortalWorld world = new PortalWorld(this.identity, this.cmdb, this.knowledge);
		String tenant = world.tenant();
		this.caller = world.caller(tenant);
		this.session = new Session(this.port);
		this.session.get("/login");
		HttpResponse<String> login = this.session.postForm("/login",
				Map.of("username", this.caller, "password", PortalWorld.password(this.caller)));
		assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
		this.session.get("/portal/incidents/new");
	}

	@Test
	void attachesTheFilesItTakesAndNamesTheOneItRefused() {
		// When a caller reports with a log and a program
		Map<String, byte[]> files = new LinkedHashMap<>();
		files.put("jam.log", "12:00 paper jam in tray 2\n".getBytes(StandardCharsets.UTF_8));
		files.put("fix.exe", PROGRAM);
		HttpResponse<String> report = this.session.postWithFiles("/portal/incidents/new", form("Printer jams"), files);

		// Then the incident is reported, with the log attached
		assertThat(report.statusCode()).as(report.body()).isEqualTo(302);
		String location = report.headers().firstValue("Location").orElseThrow();
		assertThat(location).matches(".*/portal/incidents/INC\\d+$");
		long incident = this.jdbc.sql("select id from incident where caller_id = :caller")
			.param("caller", this.caller)
			.query(Long.class)
			.single();
		assertThat(this.jdbc.sql("select file_name from incident_attachment where incident_id = :incident")
			.param("incident", incident)
			.query(String.class)
			.list()).containsExactly("jam.log");

		// And its page says which file was not attached, and why
		String page = this.session.get(location.substring(location.indexOf("/portal"))).body();
		assertThat(page).contains("id=\"refused-files\"")
			.contains("The incident was reported, but these files were not attached.")
			.contains("fix.exe: this type of file cannot be attached")
			.contains("jam.log");
	}

	@Test
	void aReportWithoutFilesIsReportedAsBefore() {
		HttpResponse<String> report = this.session.postWithFiles("/portal/incidents/new", form("Monitor flickers"),
				Map.of("", new byte[0]));

		assertThat(report.statusCode()).as(report.body()).isEqualTo(302);
		assertThat(incidents()).isOne();
	}

	@Test
	void tooManyFilesRefuseTheFormAndWriteNothing() {
		Map<String, byte[]> files = new LinkedHashMap<>();
		for (int i = 1; i <= 6; i++) {
			files.put("note" + i + ".txt", ("note " + i).getBytes(StandardCharsets.UTF_8));
		}

		HttpResponse<String> report = this.session.postWithFiles("/portal/incidents/new", form("Too many files"),
				files);

		assertThat(report.statusCode()).isEqualTo(400);
		assertThat(report.body()).contains("Please attach at most 5 files.");
		assertThat(incidents()).isZero();
	}

	@Test
	void filesTooLargeToSendReportNothingAndSaySo() {
		HttpResponse<String> report = this.session.postWithFiles("/portal/incidents/new", form("Huge file"),
				Map.of("huge.log", new byte[12 * 1024 * 1024]));

		assertThat(report.statusCode()).isEqualTo(413);
		assertThat(report.body()).contains("so the incident was not reported and nothing was saved");
		assertThat(incidents()).isZero();
	}

	private long incidents() {
		return this.jdbc.sql("select count(*) from incident where caller_id = :caller")
			.param("caller", this.caller)
			.query(Long.class)
			.single();
	}

	/**
	 * Cookies kept by hand (Secure ones too), and the CSRF token of the last page read.
	 */
	static final class Session {

		private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

		private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

		private final Map<String, String> cookies = new LinkedHashMap<>();

		private final String baseUrl;

		private String csrf = "";

		Session(int port) {
			this.baseUrl = "http://localhost:" + port;
		}

		HttpResponse<String> get(String path) {
			HttpResponse<String> response = send(request(path).GET());
			Matcher token = CSRF.matcher(response.body());
			if (token.find()) {
				this.csrf = token.group(1);
			}
			return response;
		}

		HttpResponse<String> postForm(String path, Map<String, String> fields) {
			Map<String, String> all = new LinkedHashMap<>(fields);
			all.put("_csrf", this.csrf);
			String body = all.entrySet()
				.stream()
				.map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
						+ URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&"));
			return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body)));
		}

		/** As the report form sends it: multipart, the token in the address. */
		HttpResponse<String> postWithFiles(String path, Map<String, String> fields, Map<String, byte[]> files) {
			String boundary = "----report" + UUID.randomUUID();
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			fields.forEach(
					(name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
							+ name + "\"\r\n\r\n" + value + "\r\n")
						.getBytes(StandardCharsets.UTF_8)));
			files.forEach((fileName, content) -> {
				body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\""
						+ fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
					.getBytes(StandardCharsets.UTF_8));
				body.writeBytes(content);
				body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
			});
			body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
			return send(request(path + "?_csrf=" + URLEncoder.encode(this.csrf, StandardCharsets.UTF_8))
				.header("Content-Type", "multipart/form-data; boundary=" + boundary)
				.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
		}

		private HttpRequest.Builder request(String path) {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path));
			if (!this.cookies.isEmpty()) {
				request.header("Cookie",
						this.cookies.entrySet()
							.stream()
							.map(cookie -> cookie.getKey() + "=" + cookie.getValue())
							.collect(Collectors.joining("; ")));
			}
			return request;
		}

		private HttpResponse<String> send(HttpRequest.Builder request) {
			try {
				HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
				for (String cookie : response.headers().allValues("Set-Cookie")) {
					String pair = cookie.split(";", 2)[0];
					int equals = pair.indexOf('=');
					this.cookies.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
				}
				return response;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

	private static Map<String, String> form(String summary) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("summary", summary);
		form.put("category", "hardware");
		form.put("impact", "MEDIUM");
		form.put("urgency", "MEDIUM");
		return form;
	}

}

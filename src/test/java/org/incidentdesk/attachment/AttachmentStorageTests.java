package org.incidentdesk.attachment;

import org.incidentdesk.TestReports;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.apache.commons.codec.digest.DigestUtils;
import org.camunda.bpm.engine.IdentityService;
import org.incidentdesk.BothDatabases;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.attachment.RejectedAttachmentException.Reason;
import org.incidentdesk.cmdb.Cmdb;
import org.incidentdesk.incident.Activity;
import org.incidentdesk.incident.Channel;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentRecords;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.Level;
import org.incidentdesk.incident.ReportIncident;
import org.incidentdesk.knowledge.KnowledgeBase;
import org.incidentdesk.portal.PortalWorld;
import org.incidentdesk.system.CurrentUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Attachments in the database, on H2 and on PostgreSQL (the V9 table with its
 * {@code bytea} content there): written as the portal writes them (through
 * {@link Attachments}) and read by staff through {@code GET
 * /api/v1/incidents/{number}/attachments[/{id}]}.
 */
@IncidentDeskTest
@BothDatabases
class AttachmentStorageTests {

	/** The smallest valid PNG (one transparent pixel). */
	private static final byte[] PIXEL = Base64.getDecoder()
		.decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

	@Autowired
	Attachments attachments;

	@Autowired
	IncidentService incidents;

	@Autowired
	IncidentRecords records;

	@Autowired
	IdentityService identity;

	@Autowired
	Cmdb cmdb;

	@Autowired
	KnowledgeBase knowledge;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestRestTemplate http;

	PortalWorld world;

	String tenant;

	String caller;

	Incident incident;

	@BeforeEach
	void callersIncident() {
		this.world = new PortalWorld(this.identity, this.cmdb, this.knowledge);
		this.tenant = this.world.tenant();
		this.caller = this.world.caller(this.tenant);
		this.incident = this.incidents.report(TestReports.report("Screenshot of the error")
			.by(this.tenant, this.caller)
			.description(null)
			.category("software")
			.build());
	}

	@Test
	void filesRoundTripByteForByteThroughTheApi() throws Exception {
		// Given the caller attaches a PNG that carries every byte value, and a UTF-8 log
		byte[] png = withEveryByteValue(PIXEL);
		byte[] log = "ERROR café – ñ ✓\r\nTab\there\n".getBytes(StandardCharsets.UTF_8);
		Attachment picture = attach("screen.png", png);
		Attachment text = attach("app.log", log);

		// When an agent of the tenant lists and downloads them through the API
		TestRestTemplate agent = as(this.world.agent(this.tenant));
		ResponseEntity<List<Map<String, Object>>> list = agent.exchange(base(), HttpMethod.GET, null, LIST);

		// Then both are listed with their detected type, size and digest, in order
		assertThat(list.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(list.getBody())
			.extracting(entry -> entry.get("fileName"), entry -> entry.get("contentType"),
					entry -> ((Number) entry.get("sizeBytes")).longValue(), entry -> entry.get("sha256"))
			.containsExactly(tuple("screen.png", "image/png", (long) png.length, DigestUtils.sha256Hex(png)),
					tuple("app.log", "text/x-log", (long) log.length, DigestUtils.sha256Hex(log)));

		// And each download is exactly the bytes uploaded, as a download of its type
		ResponseEntity<byte[]> pictureFile = agent.getForEntity(base() + "/" + picture.id(), byte[].class);
		assertThat(pictureFile.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(pictureFile.getBody()).isEqualTo(png);
		assertThat(pictureFile.getHeaders().getContentType()).isEqualTo(MediaType.IMAGE_PNG);
		assertThat(pictureFile.getHeaders().getContentDisposition().isAttachment()).isTrue();
		assertThat(agent.getForEntity(base() + "/" + text.id(), byte[].class).getBody()).isEqualTo(log);

		// And the upload is on the customer-visible timeline
		assertThat(this.records.timeline(this.incident.number(), false)).extracting(Activity::body)
			.contains("Attachment added: screen.png (" + png.length + " B).");
	}

	@Test
	void aFileOfTheLimitIsStoredAndOneByteMoreIsRefused() throws Exception {
		// Given a file of exactly the limit (10 MB) and one a byte larger
		long limit = this.attachments.settings().maxSize().toBytes();
		byte[] largest = Arrays.copyOf(PIXEL, (int) limit);
		byte[] tooLarge = Arrays.copyOf(PIXEL, (int) limit + 1);

		// When the caller attaches both
		Attachment stored = attach("scan.png", largest);

		// Then the larger one is refused, and only the first is stored, whole
		assertThatExceptionOfType(RejectedAttachmentException.class).isThrownBy(() -> attach("huge.png", tooLarge))
			.satisfies(ex -> assertThat(ex.reason()).isEqualTo(Reason.TOO_LARGE));
		assertThat(this.jdbc
			.sql("select count(*) from incident_attachment where incident_id = :incident and file_name = 'huge.png'")
			.param("incident", this.incident.id())
			.query(Long.class)
			.single()).isZero();
		ResponseEntity<byte[]> file = as(this.world.agent(this.tenant)).getForEntity(base() + "/" + stored.id(),
				byte[].class);
		assertThat(file.getHeaders().getContentLength()).isEqualTo(limit);
		assertThat(DigestUtils.sha256Hex(file.getBody())).isEqualTo(DigestUtils.sha256Hex(largest));
	}

	@Test
	void staffOfAnotherTenantFindNeitherTheListNorTheFile() throws Exception {
		// Given an attachment, and an agent who serves another tenant only
		Attachment stored = attach("invoice.pdf.png", PIXEL);
		TestRestTemplate stranger = as(this.world.agent(this.world.tenant()));
		TestRestTemplate agent = as(this.world.agent(this.tenant));

		// Then the stranger gets 404 for the list and the file, as for an unknown
		// incident
		assertThat(stranger.getForEntity(base(), String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(stranger.getForEntity(base() + "/" + stored.id(), String.class).getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);

		// And the tenant's own agent gets 404 only for an id the incident does not have
		assertThat(agent.getForEntity(base() + "/" + stored.id(), byte[].class).getStatusCode())
			.isEqualTo(HttpStatus.OK);
		assertThat(agent.getForEntity(base() + "/" + (stored.id() + 1_000_000), String.class).getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
	}

	private Attachment attach(String name, byte[] content) {
		return this.attachments.add(this.incident.number(),
				new CurrentUser(this.caller, List.of(CurrentUser.CUSTOMERS), List.of(this.tenant)), name, content);
	}

	private String base() {
		return "/api/v1/incidents/" + this.incident.number() + "/attachments";
	}

	private TestRestTemplate as(String user) {
		return this.http.withBasicAuth(user, PortalWorld.password(user));
	}

	/** The PNG with the values 0 to 255 after it, twice; still a PNG by its content. */
	private static byte[] withEveryByteValue(byte[] png) {
		byte[] content = Arrays.copyOf(png, png.length + 512);
		for (int i = 0; i < 512; i++) {
			content[png.length + i] = (byte) i;
		}
		return content;
	}

	private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
	};

}

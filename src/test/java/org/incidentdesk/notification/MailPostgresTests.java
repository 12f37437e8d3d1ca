package org.incidentdesk.notification;

import org.incidentdesk.TestReports;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.incidentdesk.incident.Channel;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.Level;
import org.incidentdesk.incident.ReportIncident;
import org.incidentdesk.system.EngineClock;
import org.incidentdesk.PostgresTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mail delivery on a real PostgreSQL: the migration, the outbox queries and the claim
 * when two deliveries run at once.
 */
@PostgresTest
@DirtiesContext
class MailPostgresTests {

	private static final int SMTP_PORT = freePort();

	@RegisterExtension
	static GreenMailExtension greenMail = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));

	@Autowired
	MailDelivery delivery;

	@Autowired
	NotificationOutbox outbox;

	@Autowired
	IncidentService incidents;

	@Autowired
	EngineClock clock;

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> SMTP_PORT);
		registry.add("incident-desk.mail.poll-interval", () -> "PT24H");
	}

	@Test
	void deliversOnceWhenTwoDeliveriesRunAtTheSameTime() throws Exception {
		// Given a queued notification
		Incident incident = this.incidents
			.report(TestReports.report("Docking station dead").description(null).category("hardware").build());

		// When two deliveries run at the same time
		CountDownLatch start = new CountDownLatch(1);
		List<CompletableFuture<Integer>> runs = List.of(1, 2).stream().map(node -> CompletableFuture.supplyAsync(() -> {
			try {
				start.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return this.delivery.deliverDue();
		})).toList();
		start.countDown();
		runs.forEach(CompletableFuture::join);

		// Then alice has her mail once, and the row is sent
		assertThat(mailsTo("alice@acme.example", incident)).isEqualTo(1);
		assertThat(this.jdbc.sql("select status from notification where incident_id = :id and recipient = 'alice'")
			.param("id", incident.id())
			.query(String.class)
			.single()).isEqualTo("SENT");
	}

	@Test
	void aClaimedNotificationIsNotDueForOthers() {
		Incident incident = this.incidents.report(TestReports.report("Phone has no dial tone")
			.by("acme", "bob")
			.description(null)
			.category("hardware")
			.build());
		long id = this.jdbc.sql("select id from notification where incident_id = :id and recipient = 'bob'")
			.param("id", incident.id())
			.query(Long.class)
			.single();
		OffsetDateTime now = this.clock.nowUtc();

		assertThat(this.outbox.due(now, 1000)).contains(id);
		assertThat(this.outbox.claim(id, now, now.plusMinutes(5))).isTrue();
		assertThat(this.outbox.claim(id, now, now.plusMinutes(5))).isFalse();
		assertThat(this.outbox.due(now, 1000)).doesNotContain(id);
		assertThat(this.outbox.due(now.plusMinutes(6), 1000)).contains(id);
	}

	private static long mailsTo(String address, Incident incident) throws MessagingException {
		long count = 0;
		for (MimeMessage mail : greenMail.getReceivedMessages()) {
			if (mail.getSubject().startsWith("[" + incident.number() + "]")
					&& mail.getAllRecipients()[0].toString().contains(address)) {
				count++;
			}
		}
		return count;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

package org.incidentdesk;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import com.icegreen.greenmail.base.GreenMailOperations;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * One GreenMail per test JVM, SMTP and IMAP on free ports, started on first use and
 * stopped at JVM exit, like the embedded PostgreSQL. As an initializer it points the
 * application at it: outgoing mail to its SMTP side, the inbound mailbox
 * ({@value #MAILBOX}) on its IMAP side, and the scheduled runs of both pushed out of
 * reach so that tests drive them. Its mail is never purged: tests find theirs by unique
 * subjects and incident numbers.
 */
public final class TestMailServer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/** The inbound mailbox the application reads. */
	public static final String MAILBOX = "desk@incidentdesk.example";

	/** The base of the links in mails. */
	public static final String PUBLIC_URL = "https://desk.example.test";

	private static final String MAILBOX_LOGIN = "desk";

	private static final String MAILBOX_PASSWORD = "desk-secret";

	public static GreenMail greenMail() {
		return Holder.GREEN_MAIL;
	}

	/** The inbound mailbox, to deliver test mails into. */
	public static GreenMailUser mailbox() {
		return Holder.MAILBOX_USER;
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		GreenMail greenMail = greenMail();
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("test-mail-server",
					properties(greenMail.getSmtp().getPort(), greenMail.getImap().getPort())));
	}

	/**
	 * The settings that point the application at a GreenMail with these ports, for tests
	 * that run their own (with {@code @DynamicPropertySource}).
	 */
	public static Map<String, Object> properties(int smtpPort, int imapPort) {
		return Map.ofEntries(Map.entry("spring.mail.host", "127.0.0.1"), Map.entry("spring.mail.port", smtpPort),
				Map.entry("incident-desk.mail.poll-interval", "PT24H"),
				Map.entry("incident-desk.public-url", PUBLIC_URL + "/"),
				Map.entry("incident-desk.inbound-mail.host", "127.0.0.1"),
				Map.entry("incident-desk.inbound-mail.port", imapPort),
				Map.entry("incident-desk.inbound-mail.protocol", "imap"),
				Map.entry("incident-desk.inbound-mail.username", MAILBOX_LOGIN),
				Map.entry("incident-desk.inbound-mail.password", MAILBOX_PASSWORD),
				Map.entry("incident-desk.inbound-mail.poll-interval", "PT24H"),
				Map.entry("incident-desk.inbound-mail.max-message-size", "64KB"));
	}

	/** Sets up the inbound mailbox on a GreenMail of a test's own. */
	public static GreenMailUser mailboxOn(GreenMailOperations greenMail) {
		return greenMail.setUser(MAILBOX, MAILBOX_LOGIN, MAILBOX_PASSWORD);
	}

	/** A port nobody listens on right now. */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static final class Holder {

		static final GreenMail GREEN_MAIL = start();

		static final GreenMailUser MAILBOX_USER = mailboxOn(GREEN_MAIL);

		private static GreenMail start() {
			GreenMail greenMail = new GreenMail(new ServerSetup[] { new ServerSetup(freePort(), "127.0.0.1", "smtp"),
					new ServerSetup(freePort(), "127.0.0.1", "imap") });
			greenMail.start();
			Runtime.getRuntime().addShutdownHook(new Thread(greenMail::stop, "test-mail-server-stop"));
			return greenMail;
		}

	}

}

package org.incidentdesk.mailin;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The mailbox that inbound mail is read from ({@code incident-desk.inbound-mail}).
 * Nothing is read unless {@code host} is set.
 *
 * @param host the IMAP server
 * @param port its port; without it the protocol's (143, 993)
 * @param protocol {@code imaps} (TLS, the default) or {@code imap}
 * @param username the mailbox user
 * @param password the mailbox password, from the environment
 * ({@code INCIDENT_DESK_INBOUND_MAIL_PASSWORD})
 * @param folder the folder to read
 * @param pollInterval the pause between two reads
 * @param maxMessageSize larger messages are not read; they are flagged and left
 */
@ConfigurationProperties("incident-desk.inbound-mail")
record InboundMailSettings(String host, Integer port, @DefaultValue("imaps") String protocol, String username,
		String password, @DefaultValue("INBOX") String folder, @DefaultValue("PT1M") Duration pollInterval,
		@DefaultValue("1MB") DataSize maxMessageSize) {

	InboundMailSettings {
		if (!"imap".equals(protocol) && !"imaps".equals(protocol)) {
			throw new IllegalArgumentException("incident-desk.inbound-mail.protocol must be imap or imaps");
		}
	}

	int portOrDefault() {
		return (this.port != null) ? this.port : -1;
	}

}

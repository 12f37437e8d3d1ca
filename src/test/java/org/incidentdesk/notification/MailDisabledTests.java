package org.incidentdesk.notification;

import org.incidentdesk.TestReports;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.incident.Channel;
import org.incidentdesk.incident.Incident;
import org.incidentdesk.incident.IncidentService;
import org.incidentdesk.incident.Level;
import org.incidentdesk.incident.ReportIncident;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without {@code spring.mail.host} (as in the other tests) there is no mail sender and no
 * delivery: notifications stay queued for when mail is configured.
 */
@IncidentDeskTest
class MailDisabledTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	IncidentService incidents;

	@Autowired
	JdbcClient jdbc;

	@Test
	void withoutAMailServerNotificationsStayQueued() {
		Incident incident = this.incidents
			.report(TestReports.report("Monitor flickers").description(null).category("hardware").build());

		assertThat(this.context.getBeanNamesForType(MailDelivery.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(JavaMailSender.class)).isEmpty();
		assertThat(this.jdbc.sql("select status from notification where incident_id = :id")
			.param("id", incident.id())
			.query(String.class)
			.list()).containsOnly("PENDING");
	}

}

package org.incidentdesk.incident;

import org.camunda.bpm.engine.ManagementService;

import java.util.List;
import java.util.Map;

import org.incidentdesk.BothDatabases;
import org.incidentdesk.IncidentDeskTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Many alike reports at once, on H2 and on PostgreSQL (where they used to deadlock on the
 * knowledge articles they all found): none may be refused because they all found the same
 * knowledge articles.
 */
@IncidentDeskTest
@BothDatabases
class ConcurrentReportsTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ManagementService management;

	@Test
	void takesEveryOneOfManyAlikeReportsSentAtOnce() throws Exception {
		// When 96 reports of the same printer problem arrive from 32 clients at once
		List<ResponseEntity<Map<String, Object>>> answers = ConcurrentReportSteps.reportAtOnce(this.http, "alike-burst",
				96);

		// Then every one is created, each with its process; and once the classifications
		// the burst queued ran, each is classified, waits for triage and found the same
		// articles
		ConcurrentReportSteps.assertAllCreated(answers, this.jdbc, this.management, "alike-burst");
	}

}

package org.incidentdesk.incident;

import java.util.List;
import java.util.Map;

import org.incidentdesk.IncidentDeskTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many alike reports at once on H2: none may be refused because they all found the same
 * knowledge articles.
 */
@IncidentDeskTest
class ConcurrentReportsTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	JdbcClient jdbc;

	@Test
	void takesEveryOneOfManyAlikeReportsSentAtOnce() throws Exception {
		// When 96 reports of the same printer problem arrive from 32 clients at once
		List<ResponseEntity<Map<String, Object>>> answers = ConcurrentReportSteps.reportAtOnce(this.http, "h2-burst",
				96);

		// Then every one is created, each with its process, and each found the same
		// articles
		assertThat(answers).extracting(ResponseEntity::getStatusCode).containsOnly(HttpStatus.CREATED);
		assertThat(this.jdbc.sql("select count(*) from incident where summary like '%h2-burst'")
			.query(Long.class)
			.single()).isEqualTo(96);
		assertThat(this.jdbc.sql("""
				select count(*) from incident i where summary like '%h2-burst' and process_instance_id is not null
				    and exists (select 1 from act_ru_execution e where e.proc_inst_id_ = i.process_instance_id)
				""").query(Long.class).single()).isEqualTo(96);
		assertThat(this.jdbc.sql("""
				select count(distinct s.incident_id) from incident_suggestion s join incident i on i.id = s.incident_id
				where i.summary like '%h2-burst'
				""").query(Long.class).single()).isEqualTo(96);
	}

}

package org.incidentdesk.incident.process;

import org.incidentdesk.JakartaSlaScenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import org.incidentdesk.BothDatabases;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.incident.IncidentState;
import org.incidentdesk.incident.process.IncidentProcess.Element;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Re-timing running incidents after a calendar change: the preview lists what would move
 * and moves nothing; the apply moves record, variables, timers, tasks and timeline, keeps
 * a paused clock paused, and a second apply moves nothing; a run while another runs is
 * refused; bad input is 400, an unknown tenant 404, anybody but an administrator 403.
 */
@IncidentDeskTest
@BothDatabases
class SlaRetimingTests extends JakartaSlaScenario {

	@Test
	void aPreviewAfterACalendarChangeListsTheMovesAndChangesNothing() throws Exception {
		// Given two P3s of an organisation working 08:00-17:00: one reported before the
		// opening (07:00, due 16:00), one at 09:00 (due 17:00)
		String tenant = tenantWithCalendar(NINE_TO_FIVE);
		String early = reportAt(jakarta(9, 7, 0), tenant);
		String nine = reportAt(jakarta(9, 9, 0), tenant);
		assertThat(dates(early)).containsExactly(jakarta(9, 9, 0), jakarta(9, 14, 24), jakarta(9, 16, 0));

		// When at 15:30 the organisation starts to work around the clock and an
		// administrator previews the re-timing
		at(jakarta(9, 15, 30));
		calendar(tenant, WHOLE_DAY);
		JsonNode preview = retime(Map.of("dryRun", true, "tenantId", tenant), HttpStatus.OK);

		// Then the early one would be due at 15:00, already past; the other stays
		assertThat(preview.get("dryRun").asBoolean()).isTrue();
		assertThat(preview.get("open").asInt()).isEqualTo(2);
		assertThat(preview.get("wouldMove").asInt()).isEqualTo(1);
		assertThat(preview.get("unchanged").asInt()).isEqualTo(1);
		assertThat(preview.get("breachedAtOnce").asInt()).isEqualTo(1);
		assertThat(preview.get("resolutionShift").get("min").asText()).isEqualTo("PT-1H");
		assertThat(preview.get("resolutionShift").get("totalSeconds").asLong()).isEqualTo(-3600);
		JsonNode move = preview.get("incidents").get(0);
		assertThat(preview.get("incidents")).hasSize(1);
		assertThat(move.get("number").asText()).isEqualTo(early);
		assertThat(zoned(move.get("oldResolutionDueAt").asText())).isEqualTo(jakarta(9, 16, 0));
		assertThat(zoned(move.get("newResolutionDueAt").asText())).isEqualTo(jakarta(9, 15, 0));
		assertThat(zoned(move.get("newResponseDueAt").asText())).isEqualTo(jakarta(9, 8, 0));
		assertThat(move.get("breachedAtOnce").asBoolean()).isTrue();

		// and nothing moved: record, variables, timer, timeline
		assertThat(dates(early)).containsExactly(jakarta(9, 9, 0), jakarta(9, 14, 24), jakarta(9, 16, 0));
		assertThat(timer(early, Element.BOUNDARY_EVENT_RESOLUTION_SLA_BREACHED))
			.isEqualTo(jakarta(9, 16, 0).toInstant());
		assertThat(read("sam", "/api/v1/incidents/" + early + "/timeline").toString()).doesNotContain("SLA recomputed");
		assertThat(dates(nine)).containsExactly(jakarta(9, 10, 0), jakarta(9, 15, 24), jakarta(9, 17, 0));
	}

	@Test
	void anApplyMovesRecordTimersTasksAndTimelineAndASecondApplyMovesNothing() throws Exception {
		// Given a P3 reported Monday 09:00 (respond by 10:00, warned 15:24, due 17:00)
		// and
		// one on hold for the vendor since 09:30, its clock paused
		String tenant = tenantWithCalendar(NINE_TO_FIVE);
		String number = reportAt(jakarta(9, 9, 0), tenant);
		String held = reportAt(jakarta(9, 9, 0), tenant);
		at(jakarta(9, 9, 30));
		expect(as("sam", HttpMethod.POST, "/api/v1/incidents/" + held + "/hold",
				Map.of("reason", "AWAITING_VENDOR", "comment", "The vendor ships a part.")), HttpStatus.NO_CONTENT);

		// When at 10:00 the organisation takes a lunch break (12:00-13:00) and the
		// re-timing is applied
		at(jakarta(9, 10, 0));
		calendar(tenant, WITH_LUNCH);
		JsonNode applied = retime(Map.of("dryRun", false, "tenantId", tenant), HttpStatus.OK);

		// Then both moved: warned 16:24, due Tuesday 09:00; the response stays 10:00
		assertThat(applied.get("dryRun").asBoolean()).isFalse();
		assertThat(applied.get("moved").asInt()).isEqualTo(2);
		assertThat(applied.get("unchanged").asInt()).isZero();
		assertThat(applied.get("failed").asInt()).isZero();
		assertThat(applied.get("breachedAtOnce").asInt()).isZero();
		assertThat(applied.get("resolutionShift").get("max").asText()).isEqualTo("PT16H");
		List<ZonedDateTime> moved = List.of(jakarta(9, 10, 0), jakarta(9, 16, 24), jakarta(10, 9, 0));
		assertThat(dates(number)).containsExactlyElementsOf(moved);
		assertThat(timer(number, Element.BOUNDARY_EVENT_RESPONSE_SLA_DUE)).isEqualTo(moved.get(0).toInstant());
		assertThat(timer(number, Element.BOUNDARY_EVENT_RESOLUTION_SLA_WARNING)).isEqualTo(moved.get(1).toInstant());
		assertThat(timer(number, Element.BOUNDARY_EVENT_RESOLUTION_SLA_BREACHED)).isEqualTo(moved.get(2).toInstant());
		JsonNode task = read("demo", "/engine-rest/task?processInstanceBusinessKey=" + number).get(0);
		assertThat(OffsetDateTime.parse(task.get("due").asText(), ENGINE_REST).toInstant())
			.isEqualTo(moved.get(0).toInstant());
		assertThat(OffsetDateTime.parse(task.get("followUp").asText(), ENGINE_REST).toInstant())
			.isEqualTo(moved.get(1).toInstant());
		assertThat(read("sam", "/api/v1/incidents/" + number + "/timeline").toString())
			.contains("SLA recomputed (re-timing after a change of the business calendar or the SLA targets, by demo");
		// and the held one is still on hold, its clock still paused
		assertThat(this.records.get(held).state()).isEqualTo(IncidentState.ON_HOLD);
		assertThat(this.records.get(held).slaPausedAt()).isNotNull();
		assertThat(dates(held)).containsExactlyElementsOf(moved);

		// When it is applied again, nothing moves further
		JsonNode again = retime(Map.of("dryRun", false, "tenantId", tenant), HttpStatus.OK);
		assertThat(again.get("moved").asInt()).isZero();
		assertThat(again.get("unchanged").asInt()).isEqualTo(2);
		assertThat(retime(Map.of("dryRun", true, "tenantId", tenant), HttpStatus.OK).get("wouldMove").asInt()).isZero();
		assertThat(dates(number)).containsExactlyElementsOf(moved);

		// and the resume after two business hours (09:30-11:30) moves the re-timed dates
		// by them, in the new calendar: the response over the morning, the warning
		// (16:24) and the resolution into Tuesday
		at(jakarta(9, 11, 30));
		expect(as("sam", HttpMethod.POST, "/api/v1/incidents/" + held + "/resume", null), HttpStatus.NO_CONTENT);
		assertThat(dates(held)).containsExactly(jakarta(9, 12, 0), jakarta(10, 9, 24), jakarta(10, 11, 0));
	}

	@Test
	void aSecondRunWhileOneRunsIsRefused() throws Exception {
		String tenant = tenantWithCalendar(NINE_TO_FIVE);
		reportAt(jakarta(9, 9, 0), tenant);
		// Given a run in progress on another node (its row taken, beating)
		assertThat(this.jdbc.sql("""
				update sla_retiming set status = 'RUNNING', run_id = 'other-node', heartbeat_at = :now,
				started_at = :now where id = 'run' and status = 'IDLE'""").param("now", OffsetDateTime.now()).update())
			.isEqualTo(1);
		try {
			calendar(tenant, WITH_LUNCH);
			// Then an apply is refused, and moves nothing; a preview still answers
			ResponseEntity<String> refused = as("demo", HttpMethod.POST, RETIMING,
					Map.of("dryRun", false, "tenantId", tenant));
			assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
			assertThat(refused.getBody()).contains("runs already");
			JsonNode preview = retime(Map.of("dryRun", true, "tenantId", tenant), HttpStatus.OK);
			assertThat(preview.get("wouldMove").asInt()).isEqualTo(1);
		}
		finally {
			this.jdbc.sql("update sla_retiming set status = 'IDLE', run_id = null where id = 'run'").update();
		}
		// and once it ended, a run goes through
		assertThat(retime(Map.of("dryRun", false, "tenantId", tenant), HttpStatus.OK).get("moved").asInt())
			.isEqualTo(1);
	}

	@Test
	void badInputIsA400NamingTheFieldAnUnknownTenantA404() throws Exception {
		assertRefused(null, HttpStatus.BAD_REQUEST, "dryRun");
		assertRefused(Map.of("tenantId", "acme"), HttpStatus.BAD_REQUEST, "dryRun");
		assertRefused(Map.of("dryRun", "yes"), HttpStatus.BAD_REQUEST, "dryRun");
		assertRefused(Map.of("dryRun", true, "tenantId", 5), HttpStatus.BAD_REQUEST, "tenantId");
		assertRefused(Map.of("dryRun", true, "tenantId", "a b"), HttpStatus.BAD_REQUEST, "tenantId");
		assertRefused(Map.of("dryRun", true, "tenant", "acme"), HttpStatus.BAD_REQUEST, "tenant");
		assertRefused(List.of(true), HttpStatus.BAD_REQUEST, "body");
		assertRefused(Map.of("dryRun", false, "tenantId", "no-such-tenant"), HttpStatus.NOT_FOUND, "tenantId");
	}

	@Test
	void onlyAdministratorsMayRetime() {
		Map<String, Object> body = Map.of("dryRun", true);
		assertThat(as("sam", HttpMethod.POST, RETIMING, body).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(as("ines", HttpMethod.POST, RETIMING, body).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
	}

	private void assertRefused(Object body, HttpStatus status, String field) throws Exception {
		ResponseEntity<String> refused = as("demo", HttpMethod.POST, RETIMING, body);
		assertThat(refused.getStatusCode()).as(String.valueOf(body)).isEqualTo(status);
		JsonNode problem = this.json.readTree(refused.getBody());
		assertThat(problem.get("field").asText()).as(refused.getBody()).isEqualTo(field);
		if (status == HttpStatus.BAD_REQUEST) {
			assertThat(problem.get("detail").asText()).startsWith(field + ": ");
		}
	}

}

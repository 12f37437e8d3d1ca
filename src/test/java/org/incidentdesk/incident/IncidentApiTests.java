package org.incidentdesk.incident;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.incidentdesk.BothDatabases;
import org.incidentdesk.IncidentDeskTest;
import org.incidentdesk.PostgresOnly;
import org.incidentdesk.incident.process.IncidentProcess.Element;
import org.incidentdesk.incident.process.IncidentProcess.Var;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The incidents API over real HTTP on the whole application (H2, demo world): who sees
 * which incident in lists and by number, search, idempotent reports, hold and resume,
 * work notes. Other test classes share the database, so each test marks its incidents
 * with a unique word and searches for it. The scenarios marked {@link BothDatabases} run
 * on PostgreSQL too, for the SQL the API builds: search with every filter,
 * case-insensitive text and sorting with nulls, the idempotency key table, and the
 * suggestions a caller may read.
 */
@IncidentDeskTest
class IncidentApiTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RuntimeService runtime;

	@Autowired
	HistoryService history;

	@Autowired
	TaskService tasks;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	IncidentRecords records;

	@Autowired
	IncidentRepository repository;

	@Test
	void callersSeeOnlyTheirOwnIncidentsInListsAndByNumber() {
		// Given alice and bob (acme) and citra (globex) each report an incident
		String tag = tag();
		String alices = number(report("alice", body(tag + " alice's VPN", "ACME-VPN")));
		String bobs = number(report("bob", body(tag + " bob's VPN", "ACME-VPN")));
		String citras = number(report("citra", body(tag + " citra's laptop", null)));

		// Then each caller lists only their own
		assertThat(numbers(list("alice", "q=" + tag))).containsExactly(alices);
		assertThat(numbers(list("bob", "q=" + tag))).containsExactly(bobs);
		assertThat(numbers(list("citra", "q=" + tag))).containsExactly(citras);
		// even when asking for someone else's explicitly
		assertThat(numbers(list("bob", "callerId=alice"))).isEmpty();
		assertThat(numbers(list("citra", "tenantId=acme"))).isEmpty();
		assertThat(items(list("alice", "size=100")))
			.allSatisfy(item -> assertThat(item).containsEntry("callerId", "alice"));
		assertThat(items(list("citra", "size=100")))
			.allSatisfy(item -> assertThat(item).containsEntry("tenantId", "globex"));

		// And by number, another caller's incident does not exist for them
		assertThat(as("bob").getForEntity("/api/v1/incidents/" + alices, String.class).getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(as("citra").getForEntity("/api/v1/incidents/" + alices, String.class).getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(as("citra").getForEntity("/api/v1/incidents/" + alices + "/timeline", String.class).getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(as("bob").getForEntity("/api/v1/incidents/" + alices + "/suggestions", String.class).getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(as("alice").getForEntity("/api/v1/incidents/" + alices, String.class).getStatusCode())
			.isEqualTo(HttpStatus.OK);
		assertThat(
				as("alice").getForEntity("/api/v1/incidents/" + alices + "/suggestions", String.class).getStatusCode())
			.isEqualTo(HttpStatus.OK);

		// While staff of both tenants and auditors see all three
		assertThat(numbers(list("sam", "q=" + tag))).containsExactlyInAnyOrder(alices, bobs, citras);
		assertThat(numbers(list("audrey", "q=" + tag))).containsExactlyInAnyOrder(alices, bobs, citras);
	}

	@Test
	void filtersSortsAndPagesIncidents() {
		// Given three incidents with the same word in their summary
		String tag = tag();
		Map<String, Object> first = report("alice", body("Printer " + tag + " jams", null)).getBody();
		Map<String, Object> second = report("bob", body("Mail " + tag + " bounces", null)).getBody();
		Map<String, Object> third = report("citra", body("Till " + tag + " is slow", null)).getBody();
		List<String> all = List.of(number(first), number(second), number(third));

		// When sam pages through them in number order, two at a time
		Map<String, Object> page0 = list("sam", "q=" + tag.toUpperCase() + "&sort=number,asc&size=2&page=0");
		Map<String, Object> page1 = list("sam", "q=" + tag + "&sort=number,asc&size=2&page=1");

		// Then the pages split the sorted list
		assertThat(page0).containsEntry("page", 0)
			.containsEntry("size", 2)
			.containsEntry("totalItems", 3)
			.containsEntry("totalPages", 2);
		assertThat(numbers(page0)).containsExactly(all.get(0), all.get(1));
		assertThat(numbers(page1)).containsExactly(all.get(2));
		assertThat(numbers(list("sam", "q=" + tag + "&sort=number,desc"))).containsExactly(all.get(2), all.get(1),
				all.get(0));
		assertThat(numbers(list("sam", "q=" + tag + "&sort=createdAt&sort=number,desc"))).hasSize(3);

		// And the filters narrow them
		assertThat(numbers(list("sam", "q=" + tag + "&tenantId=globex"))).containsExactly(all.get(2));
		assertThat(numbers(list("sam", "q=" + tag + "&callerId=bob"))).containsExactly(all.get(1));
		assertThat(numbers(list("sam", "q=" + tag + "&state=NEW,IN_PROGRESS"))).hasSize(3);
		assertThat(numbers(list("sam", "q=" + tag + "&state=CLOSED&state=CANCELLED"))).isEmpty();
		assertThat(numbers(list("sam", "q=" + tag + "&priority=" + first.get("priority")))).contains(all.get(0));
		assertThat(numbers(list("sam", "q=" + tag + "&category=software&major=false"))).hasSize(3);
		assertThat(numbers(list("sam", "q=" + tag + "&category=network"))).isEmpty();
		assertThat(numbers(list("sam", "q=" + tag + "&assignmentGroup=nobody"))).isEmpty();
		assertThat(numbers(list("sam", "q=" + number(second)))).containsExactly(all.get(1));
		String hourAgo = Instant.now().minus(1, ChronoUnit.HOURS).toString();
		String inAnHour = Instant.now().plus(1, ChronoUnit.HOURS).toString();
		assertThat(numbers(list("sam", "q=" + tag + "&createdFrom=" + hourAgo + "&createdTo=" + inAnHour))).hasSize(3);
		assertThat(numbers(list("sam", "q=" + tag + "&createdFrom=" + inAnHour))).isEmpty();
		// a % separates words, as punctuation does; it is never a wildcard
		assertThat(numbers(list("sam", "q=" + tag + "%25"))).hasSize(3);
		assertThat(numbers(list("sam", "q=%25"))).isEmpty();

		// And bad parameters are problems, not empty lists
		assertThat(as("sam").getForEntity("/api/v1/incidents?sort=summary", String.class).getStatusCode())
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(as("sam").getForEntity("/api/v1/incidents?size=101", String.class).getStatusCode())
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(as("sam")
			.getForEntity("/api/v1/incidents?createdFrom=" + inAnHour + "&createdTo=" + hourAgo, String.class)
			.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
	}

	@Test
	void findsIncidentsByTheStartsOfTheirWords() {
		// Given a printer incident with a description and a mail incident, both tagged
		String tag = tag();
		Map<String, Object> jam = body("Printer " + tag + "jam on floor 2", null);
		jam.put("description", "The paper tray is STUCK since the driver update.");
		String printer = number(report("alice", jam));
		String mail = number(report("bob", body("Mail " + tag + "bounce", null)));

		// Then the start of a word finds it, in any case, in summary or description
		assertThat(numbers(list("sam", "q=" + tag.toUpperCase()))).containsExactlyInAnyOrder(printer, mail);
		assertThat(numbers(list("sam", "q=" + tag + "ja"))).containsExactly(printer);
		assertThat(numbers(list("sam", "q=" + tag + "%20stuck"))).containsExactly(printer);
		// but not the middle or the end of a word
		assertThat(numbers(list("sam", "q=" + tag.substring(1)))).isEmpty();
		assertThat(numbers(list("sam", "q=" + tag + "%20ainter"))).isEmpty();

		// And several words must all be there, each the start of a word
		assertThat(numbers(list("sam", "q=" + tag + "%20tray%20upd"))).containsExactly(printer);
		assertThat(numbers(list("sam", "q=" + tag + "%20mail"))).containsExactly(mail);
		assertThat(numbers(list("sam", "q=mail%20" + tag + "%20printer"))).isEmpty();

		// And the number finds it whole, or by its digits with or without leading zeros
		String digits = printer.substring(3);
		assertThat(numbers(list("sam", "q=" + printer.toLowerCase()))).containsExactly(printer);
		assertThat(numbers(list("sam", "q=" + digits))).containsExactly(printer);
		assertThat(numbers(list("sam", "q=" + digits.replaceFirst("^0+", "") + "&size=100"))).contains(printer);

		// And LIKE's wildcards are separators like any punctuation, never wildcards
		assertThat(numbers(list("sam", "q=" + tag.charAt(0) + "_" + tag.substring(2)))).isEmpty();
		assertThat(numbers(list("sam", "q=" + tag.substring(0, 5) + "%25" + tag.substring(6)))).isEmpty();
		assertThat(list("sam", "q=%25%20_")).containsEntry("totalItems", 0);

		// And the caller's scope still holds
		assertThat(numbers(list("alice", "q=" + tag))).containsExactly(printer);
		assertThat(numbers(list("citra", "q=" + tag))).isEmpty();

		// And more than eight words are refused rather than half searched
		assertThat(as("sam").getForEntity("/api/v1/incidents?q=a b c d e f g h i", String.class).getStatusCode())
			.isEqualTo(HttpStatus.BAD_REQUEST);
	}

	@BothDatabases
	@Test
	void findsAnIncidentByTheWordsItHasNowAfterTheyChange() {
		// Given an incident found by its first summary
		String tag = tag();
		String number = number(report("alice", body(tag + "before printer jam", null)));
		assertThat(numbers(list("sam", "q=" + tag + "before"))).containsExactly(number);

		// When its summary and description change. No request changes them yet, so the
		// test does what such a change must do: write the columns and the words in one
		// transaction.
		Incident incident = this.records.get(number);
		new TransactionTemplate(this.transactions).executeWithoutResult((status) -> {
			this.jdbc.sql("update incident set summary = :summary, description = :description where id = :id")
				.param("summary", tag + "after scanner jam")
				.param("description", "Now the scanner.")
				.param("id", incident.id())
				.update();
			this.repository.writeTerms(incident.id(), number, tag + "after scanner jam", "Now the scanner.");
		});

		// Then the new words find it and the old ones no longer do
		assertThat(numbers(list("sam", "q=" + tag + "after%20scanner"))).containsExactly(number);
		assertThat(numbers(list("sam", "q=" + tag + "before"))).isEmpty();
		assertThat(numbers(list("sam", "q=" + number))).containsExactly(number);
	}

	@Test
	void replaysAReportWithTheSameIdempotencyKeyInsteadOfReportingTwice() {
		// Given alice reports with an idempotency key
		String tag = tag();
		String key = UUID.randomUUID().toString();
		Map<String, Object> body = body(tag + " VPN drops", "ACME-VPN");
		ResponseEntity<Map<String, Object>> first = report("alice", body, key);
		assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(first.getHeaders().containsKey("Idempotent-Replayed")).isFalse();

		// When she sends the same request again, its fields in another order
		Map<String, Object> reordered = new TreeMap<>(Comparator.reverseOrder());
		reordered.putAll(body);
		ResponseEntity<Map<String, Object>> again = report("alice", reordered, key);

		// Then she gets the first incident back, and there is only one
		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(again.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
		assertThat(again.getHeaders().getLocation()).isEqualTo(first.getHeaders().getLocation());
		assertThat(number(again)).isEqualTo(number(first));
		assertThat(incidentsWithSummary(tag + " VPN drops")).isEqualTo(1);
		assertThat(this.runtime.createProcessInstanceQuery().processInstanceBusinessKey(number(first)).count())
			.isEqualTo(1);

		// And the same key with another body is refused
		ResponseEntity<Map<String, Object>> other = report("alice", body(tag + " something else", null), key);
		assertThat(other.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
		assertThat((String) other.getBody().get("detail")).contains("already used for a different request");
		assertThat(incidentsWithSummary(tag + " something else")).isZero();

		// While another user's key is their own
		ResponseEntity<Map<String, Object>> bobs = report("bob", body, key);
		assertThat(bobs.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(number(bobs)).isNotEqualTo(number(first));
	}

	@Test
	void reportsOnceWhenTwoRequestsWithTheSameKeyArriveTogether() {
		// Given two identical requests with one key, sent at the same time
		String summary = tag() + " concurrent";
		String key = UUID.randomUUID().toString();
		var one = CompletableFuture.supplyAsync(() -> report("alice", body(summary, null), key));
		var two = CompletableFuture.supplyAsync(() -> report("alice", body(summary, null), key));
		List<ResponseEntity<Map<String, Object>>> responses = List.of(one.join(), two.join());

		// Then one incident exists; each answer is that incident or a request to retry
		assertThat(incidentsWithSummary(summary)).isEqualTo(1);
		assertThat(responses).extracting(ResponseEntity::getStatusCode)
			.allMatch(status -> status == HttpStatus.CREATED || status == HttpStatus.CONFLICT)
			.contains(HttpStatus.CREATED);
		assertThat(responses).filteredOn(response -> response.getStatusCode() == HttpStatus.CREATED)
			.extracting(IncidentApiTests::number)
			.containsOnly(this.jdbc.sql("select number from incident where summary = :s")
				.param("s", summary)
				.query(String.class)
				.single());
	}

	@Test
	void aReportThatFailsHalfwayLeavesNoIncidentAndNoProcess() {
		// Given an uncommitted transaction that holds alice's idempotency key, so the
		// report below
		// creates its incident and starts its process, and then cannot store the key
		String summary = tag() + " halfway";
		String key = UUID.randomUUID().toString();
		String existing = number(report("alice", body(tag() + " holder", null)));
		long processes = this.history.createHistoricProcessInstanceQuery().count();
		TransactionTemplate holder = new TransactionTemplate(this.transactions);
		ResponseEntity<Map<String, Object>> response = holder.execute(status -> {
			this.jdbc.sql("""
					insert into idempotency_key (user_id, idempotency_key, request_hash, incident_number, created_at)
					values ('alice', :key, 'hash', :number, current_timestamp)""")
				.param("key", key)
				.param("number", existing)
				.update();
			// When the report runs into the held key
			ResponseEntity<Map<String, Object>> answer = report("alice", body(summary, null), key);
			status.setRollbackOnly();
			return answer;
		});

		// Then the client is asked to retry, and nothing of the report is left
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat((String) response.getBody().get("detail")).contains("Retry");
		assertThat(incidentsWithSummary(summary)).isZero();
		assertThat(this.history.createHistoricProcessInstanceQuery().count()).isEqualTo(processes);
		assertThat(keys(key)).isZero();

		// And the retry succeeds
		assertThat(report("alice", body(summary, null), key).getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(incidentsWithSummary(summary)).isEqualTo(1);
	}

	@Test
	void aRejectedReportLeavesNoIncidentNoProcessAndNoKey() {
		// Given
		String summary = tag() + " rejected";
		String key = UUID.randomUUID().toString();
		long incidents = this.jdbc.sql("select count(*) from incident").query(Long.class).single();
		long processes = this.history.createHistoricProcessInstanceQuery().count();

		// When the CI is not in alice's CMDB (globex's), and when the body is unreadable
		ResponseEntity<Map<String, Object>> unknownCi = report("alice", body(summary, "GLOBEX-POS-01"), key);
		Map<String, Object> withUnknownField = body(summary, null);
		withUnknownField.put("assignee", "ivan");
		ResponseEntity<Map<String, Object>> unknownField = report("alice", withUnknownField, key);
		Map<String, Object> tooLong = body("x".repeat(201), null);
		ResponseEntity<Map<String, Object>> oversize = report("alice", tooLong, key);

		// Then each is a problem and nothing is written
		assertThat(unknownCi.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat((String) unknownCi.getBody().get("detail")).contains("GLOBEX-POS-01");
		assertThat(unknownField.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(oversize.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(this.jdbc.sql("select count(*) from incident").query(Long.class).single()).isEqualTo(incidents);
		assertThat(this.history.createHistoricProcessInstanceQuery().count()).isEqualTo(processes);
		assertThat(keys(key)).isZero();
	}

	@Test
	void staffPutIncidentsOnHoldAndResumeThemOnlyAlongLegalTransitions() {
		// Given a new incident
		String number = number(report("alice", body(tag() + " hold me", null)));

		// When sam puts it on hold for the vendor
		assertThat(post("sam", number, "hold", Map.of("reason", "AWAITING_VENDOR", "comment", "Vendor ticket 42."))
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

		// Then it is on hold with its reason, and the caller reads why
		assertThat(incident("alice", number)).containsEntry("state", "ON_HOLD")
			.containsEntry("holdReason", "AWAITING_VENDOR");
		assertThat(bodies(timeline("alice", number))).anyMatch(body -> body.contains("Vendor ticket 42."));

		// And it cannot go on hold twice, nor without a reason, nor by the caller
		ResponseEntity<Map<String, Object>> twice = post("sam", number, "hold", Map.of("reason", "AWAITING_CHANGE"));
		assertThat(twice.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat((String) twice.getBody().get("detail")).contains("only a new or in-progress incident");
		assertThat(post("sam", number, "hold", Map.of("comment", "why not")).getStatusCode())
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(post("alice", number, "hold", Map.of("reason", "AWAITING_CHANGE")).getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(post("alice", number, "resume", null).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

		// When sam resumes it
		assertThat(post("sam", number, "resume", null).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

		// Then it is in progress without a hold reason, and cannot be resumed again
		assertThat(incident("sam", number)).containsEntry("state", "IN_PROGRESS").doesNotContainKey("holdReason");
		assertThat(post("sam", number, "resume", null).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

		// And a caller of another tenant is refused before the number is looked up; staff
		// get 404
		// for a number that does not exist
		assertThat(post("citra", number, "hold", Map.of("reason", "AWAITING_CHANGE")).getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(post("ivan", "INC9999999", "resume", null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void aCallersCommentEndsAHoldAwaitingTheCaller() {
		// Given sam put the incident on hold through the API, awaiting alice
		String number = number(report("alice", body(tag() + " need your input", null)));
		assertThat(post("sam", number, "hold", Map.of("reason", "AWAITING_CALLER", "comment", "Which VPN client?"))
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

		// When alice answers
		assertThat(post("alice", number, "comments", Map.of("body", "Cisco AnyConnect.")).getStatusCode())
			.isEqualTo(HttpStatus.CREATED);

		// Then the incident is back in progress
		assertThat(incident("alice", number)).containsEntry("state", "IN_PROGRESS").doesNotContainKey("holdReason");
	}

	@Test
	void aHoldOfTheProcessEndsOnlyWithTheCallersReply() {
		// Given triage asked alice a question: the process waits for her reply
		String number = number(report("alice", body(tag() + " process asks", null)));
		Task triage = this.tasks.createTaskQuery()
			.processInstanceBusinessKey(number)
			.taskDefinitionKey(Element.TASK_TRIAGE_INCIDENT)
			.singleResult();
		this.tasks.complete(triage.getId(),
				Variables.putValue(Var.TRIAGE_DECISION, "REQUEST_INFO").putValue(Var.CALLER_QUESTION, "Since when?"));
		assertThat(incident("sam", number)).containsEntry("state", "ON_HOLD")
			.containsEntry("holdReason", "AWAITING_CALLER");

		// When sam tries to resume it, then the process keeps it
		ResponseEntity<Map<String, Object>> resume = post("sam", number, "resume", null);
		assertThat(resume.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat((String) resume.getBody().get("detail")).contains("waits in its process for the caller's reply");

		// When alice replies, then the process resumes it
		assertThat(post("alice", number, "comments", Map.of("body", "Since Monday.")).getStatusCode())
			.isEqualTo(HttpStatus.CREATED);
		assertThat(incident("alice", number)).containsEntry("state", "IN_PROGRESS");
		String processInstance = this.runtime.createProcessInstanceQuery()
			.processInstanceBusinessKey(number)
			.singleResult()
			.getId();
		assertThat(this.runtime.createEventSubscriptionQuery()
			.processInstanceId(processInstance)
			.eventName("CallerReplied")
			.count()).isZero();
	}

	@Test
	void workNotesAreForStaffOnly() {
		// Given
		String number = number(report("alice", body(tag() + " notes", null)));
		String note = "Suspect the " + tag() + " gateway.";

		// When sam writes a work note
		assertThat(post("sam", number, "work-notes", Map.of("body", note)).getStatusCode())
			.isEqualTo(HttpStatus.CREATED);

		// Then staff read it, the caller does not
		assertThat(bodies(timeline("sam", number))).contains(note);
		assertThat(bodies(timeline("alice", number))).doesNotContain(note);

		// And callers cannot write one; an empty or oversize note is refused
		assertThat(post("alice", number, "work-notes", Map.of("body", "me too")).getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(post("sam", number, "work-notes", Map.of("body", " ")).getStatusCode())
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(post("sam", number, "work-notes", Map.of("body", "x".repeat(4001))).getStatusCode())
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(post("sam", number, "work-notes", Map.of("body", note, "internal", true)).getStatusCode())
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(bodies(timeline("sam", number)).stream().filter(note::equals)).hasSize(1);
	}

	@BothDatabases
	@Test
	void searchesWithEveryFilterAndSort() {
		// Given two incidents of alice and one of citra
		String a = reportSoftware("alice", "Printer PGTAG jams", null).getBody().get("number").toString();
		String b = reportSoftware("alice", "Mail pgtag_x bounces", null).getBody().get("number").toString();
		String c = reportSoftware("citra", "Till pgtag slow", null).getBody().get("number").toString();
		String hourAgo = Instant.now().minus(1, ChronoUnit.HOURS).toString();

		// Then every filter and sort field runs, and the text ignores case
		assertThat(numbers(list("sam", "q=pgtag&sort=number,asc"))).containsExactly(a, b, c);
		assertThat(numbers(list("sam", "q=pgta%20mail"))).containsExactly(b);
		assertThat(numbers(list("sam", "q=gtag"))).isEmpty();
		assertThat(numbers(list("sam", "q=" + b.toLowerCase()))).containsExactly(b);
		assertThat(numbers(list("sam", "q=" + b.substring(3)))).containsExactly(b);
		assertThat(numbers(list("sam", "q=" + b.substring(3).replaceFirst("^0+", "") + "&size=100"))).contains(b);
		Map<String, Object> filtered = list("sam", "q=PGTAG&state=NEW,IN_PROGRESS&priority=P1,P2,P3,P4,P5"
				+ "&tenantId=acme&callerId=alice&category=software&major=false&createdFrom=" + hourAgo
				+ "&sort=priority,desc&sort=resolutionDueAt&sort=state&sort=updatedAt,desc&sort=createdAt&size=1");
		assertThat(filtered).containsEntry("totalItems", 2);
		assertThat(numbers(filtered)).hasSize(1).isSubsetOf(a, b);
		assertThat(list("sam", "q=pgtag&tenantId=acme&size=1")).containsEntry("totalItems", 2)
			.containsEntry("totalPages", 2);
		assertThat(numbers(list("alice", "q=pgtag"))).containsExactlyInAnyOrder(a, b);
		assertThat(numbers(list("citra", "q=pgtag"))).containsExactly(c);
		// an underscore separates words and is never LIKE's any character
		assertThat(numbers(list("sam", "q=pgtag_"))).containsExactlyInAnyOrder(a, b, c);
		assertThat(numbers(list("sam", "q=p_tag"))).isEmpty();
	}

	// PostgreSQL only: the fixture makes its 1,001 rows with PostgreSQL's
	// generate_series.
	@PostgresOnly
	@Test
	void countsALongListOnlyAsFarAsPagingReaches() {
		// Given 1,001 incidents of a tenant nobody serves, which only administrators see
		this.jdbc.sql("""
				insert into incident (number, tenant_id, caller_id, affected_user, channel, summary, category,
				    impact, urgency, state, created_at, updated_at)
				select 'WIN' || lpad(cast(n as varchar), 7, '0'), 'window-tenant', 'window-caller', 'window-caller',
				    'PHONE', 'Window list ' || n, 'other', 'LOW', 'LOW', 'CLOSED', current_timestamp, current_timestamp
				from generate_series(1, 1001) as n
				""").update();
		// and their words, as the application writes them with an incident
		this.jdbc.sql("""
				insert into incident_term (incident_id, term)
				select id, term from incident, (values ('window'), ('list')) as words (term)
				where tenant_id = 'window-tenant'
				union all
				select id, substring(summary from 13) from incident where tenant_id = 'window-tenant'
				""").update();

		// When
		Map<String, Object> first = list("demo", "tenantId=window-tenant&size=100");
		Map<String, Object> last = list("demo", "tenantId=window-tenant&size=100&page=9");
		Map<String, Object> narrowed = list("demo", "tenantId=window-tenant&q=Window%20list%201001");

		// Then the count stops at the window and says so; a narrower filter counts
		// exactly
		assertThat(first).containsEntry("totalItems", 1000)
			.containsEntry("totalItemsExact", false)
			.containsEntry("totalPages", 10);
		assertThat(numbers(first)).hasSize(100);
		assertThat(numbers(last)).hasSize(100);
		assertThat(narrowed).containsEntry("totalItems", 1).containsEntry("totalItemsExact", true);
		this.jdbc
			.sql("delete from incident_term where incident_id in (select id from incident"
					+ " where tenant_id = 'window-tenant')")
			.update();
		this.jdbc.sql("delete from incident where tenant_id = 'window-tenant'").update();
	}

	@BothDatabases
	@Test
	void replaysAnIdempotentReport() {
		// Given
		ResponseEntity<Map<String, Object>> first = reportSoftware("bob", "VPN pg-idem", "pg-key-1");

		// When
		ResponseEntity<Map<String, Object>> again = reportSoftware("bob", "VPN pg-idem", "pg-key-1");
		ResponseEntity<Map<String, Object>> other = reportSoftware("bob", "VPN pg-idem other", "pg-key-1");

		// Then
		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(again.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
		assertThat(again.getBody().get("number")).isEqualTo(first.getBody().get("number"));
		assertThat(other.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
		assertThat(this.jdbc.sql("select count(*) from incident where summary like 'VPN pg-idem%'")
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@BothDatabases
	@Test
	void readsTheSuggestionsOfAnIncident() {
		// Given
		String number = reportSoftware("alice", "Printer paper jam", null).getBody().get("number").toString();

		// Then both the caller and staff can read them
		assertThat(as("alice").getForEntity("/api/v1/incidents/" + number + "/suggestions", List.class).getStatusCode())
			.isEqualTo(HttpStatus.OK);
		assertThat(as("sam").getForEntity("/api/v1/incidents/" + number + "/suggestions", List.class).getStatusCode())
			.isEqualTo(HttpStatus.OK);
	}

	private TestRestTemplate as(String user) {
		return this.http.withBasicAuth(user, "demo");
	}

	private ResponseEntity<Map<String, Object>> reportSoftware(String user, String summary, String key) {
		HttpHeaders headers = new HttpHeaders();
		if (key != null) {
			headers.set("Idempotency-Key", key);
		}
		ResponseEntity<Map<String, Object>> response = as(user).exchange("/api/v1/incidents", HttpMethod.POST,
				new HttpEntity<>(
						Map.of("summary", summary, "category", "software", "impact", "MEDIUM", "urgency", "MEDIUM"),
						headers),
				MAP);
		assertThat(response.getStatusCode().is2xxSuccessful() || key != null).as(String.valueOf(response.getBody()))
			.isTrue();
		return response;
	}

	private ResponseEntity<Map<String, Object>> report(String user, Map<String, Object> body) {
		return report(user, body, null);
	}

	private ResponseEntity<Map<String, Object>> report(String user, Map<String, Object> body, String key) {
		HttpHeaders headers = new HttpHeaders();
		if (key != null) {
			headers.set("Idempotency-Key", key);
		}
		return as(user).exchange("/api/v1/incidents", HttpMethod.POST, new HttpEntity<>(body, headers), MAP);
	}

	private ResponseEntity<Map<String, Object>> post(String user, String number, String action, Object body) {
		return as(user).exchange("/api/v1/incidents/" + number + "/" + action, HttpMethod.POST, new HttpEntity<>(body),
				MAP);
	}

	private Map<String, Object> list(String user, String query) {
		ResponseEntity<Map<String, Object>> response = as(user).exchange(URI.create("/api/v1/incidents?" + query),
				HttpMethod.GET, null, MAP);
		assertThat(response.getStatusCode()).as(response.toString()).isEqualTo(HttpStatus.OK);
		return response.getBody();
	}

	private Map<String, Object> incident(String user, String number) {
		return as(user).exchange("/api/v1/incidents/" + number, HttpMethod.GET, null, MAP).getBody();
	}

	private List<Map<String, Object>> timeline(String user, String number) {
		return as(user).exchange("/api/v1/incidents/" + number + "/timeline", HttpMethod.GET, null, LIST).getBody();
	}

	private long incidentsWithSummary(String summary) {
		return this.jdbc.sql("select count(*) from incident where summary = :s")
			.param("s", summary)
			.query(Long.class)
			.single();
	}

	private long keys(String key) {
		return this.jdbc.sql("select count(*) from idempotency_key where idempotency_key = :k")
			.param("k", key)
			.query(Long.class)
			.single();
	}

	private static Map<String, Object> body(String summary, String ciName) {
		Map<String, Object> body = new HashMap<>();
		body.put("summary", summary);
		body.put("category", (ciName != null) ? "network" : "software");
		body.put("impact", "MEDIUM");
		body.put("urgency", "MEDIUM");
		if (ciName != null) {
			body.put("ciName", ciName);
		}
		return body;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> items(Map<String, Object> page) {
		return (List<Map<String, Object>>) page.get("items");
	}

	private static List<String> numbers(Map<String, Object> page) {
		return items(page).stream().map(item -> (String) item.get("number")).toList();
	}

	private static List<String> bodies(List<Map<String, Object>> timeline) {
		List<String> bodies = new ArrayList<>();
		timeline.stream().map(entry -> (String) entry.get("body")).filter(body -> body != null).forEach(bodies::add);
		return bodies;
	}

	private static String number(ResponseEntity<Map<String, Object>> response) {
		assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.CREATED);
		return number(response.getBody());
	}

	private static String number(Map<String, Object> incident) {
		return (String) incident.get("number");
	}

	/** A word no other test uses, to find this test's incidents. */
	private static String tag() {
		return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
	}

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
	};

}

package org.incidentdesk.incident;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.incidentdesk.PostgresTest;
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
 * The SQL the incidents API builds, on a real PostgreSQL (embedded binaries): search with
 * every filter, case-insensitive words and sorting with nulls, the idempotency key table,
 * and the suggestions a caller may read.
 */
@PostgresTest
class IncidentApiPostgresTests {

	@Autowired
	TestRestTemplate http;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	IncidentRecords records;

	@Autowired
	IncidentRepository repository;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void searchesWithEveryFilterAndSortOnPostgresql() {
		// Given two incidents of alice and one of citra
		String a = report("alice", "Printer PGTAG jams", null).getBody().get("number").toString();
		String b = report("alice", "Mail pgtag_x bounces", null).getBody().get("number").toString();
		String c = report("citra", "Till pgtag slow", null).getBody().get("number").toString();
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

	@Test
	void findsAnIncidentByTheWordsItHasNowAfterTheyChangeOnPostgresql() {
		// Given an incident found by its first summary
		String number = report("alice", "Pgbefore printer jam", null).getBody().get("number").toString();
		assertThat(numbers(list("sam", "q=pgbefore"))).containsExactly(number);

		// When its summary and description change. No request changes them yet, so the
		// test does what such a change must do: write the columns and the words in one
		// transaction.
		Incident incident = this.records.get(number);
		new TransactionTemplate(this.transactions).executeWithoutResult((status) -> {
			this.jdbc
				.sql("update incident set summary = 'Pgafter scanner jam', description = 'Now the scanner.'"
						+ " where id = :id")
				.param("id", incident.id())
				.update();
			this.repository.writeTerms(incident.id(), number, "Pgafter scanner jam", "Now the scanner.");
		});

		// Then the new words find it and the old ones no longer do
		assertThat(numbers(list("sam", "q=pgafter%20scanner"))).containsExactly(number);
		assertThat(numbers(list("sam", "q=pgbefore"))).isEmpty();
	}

	@Test
	void countsALongListOnlyAsFarAsPagingReachesOnPostgresql() {
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

	@Test
	void replaysAnIdempotentReportOnPostgresql() {
		// Given
		ResponseEntity<Map<String, Object>> first = report("bob", "VPN pg-idem", "pg-key-1");

		// When
		ResponseEntity<Map<String, Object>> again = report("bob", "VPN pg-idem", "pg-key-1");
		ResponseEntity<Map<String, Object>> other = report("bob", "VPN pg-idem other", "pg-key-1");

		// Then
		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(again.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
		assertThat(again.getBody().get("number")).isEqualTo(first.getBody().get("number"));
		assertThat(other.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
		assertThat(this.jdbc.sql("select count(*) from incident where summary like 'VPN pg-idem%'")
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void readsTheSuggestionsOfAnIncidentOnPostgresql() {
		// Given
		String number = report("alice", "Printer paper jam", null).getBody().get("number").toString();

		// Then both the caller and staff can read them
		assertThat(as("alice").getForEntity("/api/v1/incidents/" + number + "/suggestions", List.class).getStatusCode())
			.isEqualTo(HttpStatus.OK);
		assertThat(as("sam").getForEntity("/api/v1/incidents/" + number + "/suggestions", List.class).getStatusCode())
			.isEqualTo(HttpStatus.OK);
	}

	private TestRestTemplate as(String user) {
		return this.http.withBasicAuth(user, "demo");
	}

	private ResponseEntity<Map<String, Object>> report(String user, String summary, String key) {
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

	private Map<String, Object> list(String user, String query) {
		ResponseEntity<Map<String, Object>> response = as(user).exchange(URI.create("/api/v1/incidents?" + query),
				HttpMethod.GET, null, MAP);
		assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.OK);
		return response.getBody();
	}

	@SuppressWarnings("unchecked")
	private static List<String> numbers(Map<String, Object> page) {
		return ((List<Map<String, Object>>) page.get("items")).stream()
			.map(item -> (String) item.get("number"))
			.toList();
	}

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

}

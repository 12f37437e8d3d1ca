package org.incidentdesk.incident;

import org.camunda.bpm.engine.ManagementService;
import org.incidentdesk.incident.process.IncidentProcess.Element;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An outage's burst: many callers report the same problem at the same moment, so every
 * report finds the same knowledge articles. The steps of {@link ConcurrentReportsTests}.
 */
final class ConcurrentReportSteps {

	static final int CLIENTS = 32;

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	private ConcurrentReportSteps() {
	}

	/**
	 * Expects every report answered 201, and each one stored with its process; then runs
	 * the classifications the burst queued (the job executor is off in tests), three at a
	 * time as a node's job executor does, and expects each incident classified, with its
	 * triage task and the suggestions its knowledge lookup found.
	 */
	static void assertAllCreated(List<ResponseEntity<Map<String, Object>>> answers, JdbcClient jdbc,
			ManagementService management, String tag) throws Exception {
		int reports = answers.size();
		assertThat(answers).extracting(ResponseEntity::getStatusCode).containsOnly(HttpStatus.CREATED);
		assertThat(jdbc.sql("select count(*) from incident where summary like :pattern")
			.param("pattern", "%" + tag)
			.query(Long.class)
			.single()).isEqualTo(reports);
		assertThat(jdbc.sql("""
				select count(*) from incident i where summary like :pattern and process_instance_id is not null
				    and exists (select 1 from act_ru_execution e where e.proc_inst_id_ = i.process_instance_id)
				""").param("pattern", "%" + tag).query(Long.class).single()).isEqualTo(reports);
		List<String> queued = jdbc.sql("""
				select j.id_ from act_ru_job j join act_ru_jobdef d on d.id_ = j.job_def_id_
				    join incident i on i.process_instance_id = j.process_instance_id_
				where i.summary like :pattern and d.act_id_ = :step
				""")
			.param("pattern", "%" + tag)
			.param("step", Element.TASK_CLASSIFY_INCIDENT)
			.query(String.class)
			.list();
		ExecutorService executor = Executors.newFixedThreadPool(3);
		try {
			List<Future<?>> runs = new ArrayList<>();
			for (String job : queued) {
				runs.add(executor.submit(() -> management.executeJob(job)));
			}
			for (Future<?> run : runs) {
				run.get(5, TimeUnit.MINUTES);
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(jdbc.sql("select count(*) from incident where summary like :pattern and priority is not null")
			.param("pattern", "%" + tag)
			.query(Long.class)
			.single()).isEqualTo(reports);
		assertThat(jdbc.sql("""
				select count(*) from incident i join act_ru_task t on t.proc_inst_id_ = i.process_instance_id
				where i.summary like :pattern and t.task_def_key_ = :task
				""").param("pattern", "%" + tag).param("task", Element.TASK_TRIAGE_INCIDENT).query(Long.class).single())
			.isEqualTo(reports);
		assertThat(jdbc.sql("""
				select count(distinct s.incident_id) from incident_suggestion s join incident i on i.id = s.incident_id
				where i.summary like :pattern
				""").param("pattern", "%" + tag).query(Long.class).single()).isEqualTo(reports);
	}

	/**
	 * Sends {@code reports} alike reports from {@link #CLIENTS} threads that all start
	 * together, alternating between two callers of acme and the service desk reporting
	 * for a caller, and returns every answer.
	 */
	static List<ResponseEntity<Map<String, Object>>> reportAtOnce(TestRestTemplate http, String tag, int reports)
			throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<ResponseEntity<Map<String, Object>>>> answers = new ArrayList<>();
			for (int i = 0; i < reports; i++) {
				String user = switch (i % 3) {
					case 0 -> "alice";
					case 1 -> "bob";
					default -> "sam";
				};
				String body = """
						{"tenantId":"acme","callerId":"%s","channel":"PHONE","category":"hardware",
						 "summary":"Printer paper jam on floor 3 %s",
						 "description":"The printer shows a paper jam error and makes a grinding noise.",
						 "impact":"MEDIUM","urgency":"MEDIUM"}
						""".formatted("sam".equals(user) ? "alice" : user, tag);
				Callable<ResponseEntity<Map<String, Object>>> report = () -> {
					start.await();
					HttpHeaders headers = new HttpHeaders();
					headers.add(HttpHeaders.CONTENT_TYPE, "application/json");
					return http.withBasicAuth(user, "demo")
						.exchange("/api/v1/incidents", HttpMethod.POST, new HttpEntity<>(body, headers), MAP);
				};
				answers.add(pool.submit(report));
			}
			start.countDown();
			List<ResponseEntity<Map<String, Object>>> responses = new ArrayList<>();
			for (Future<ResponseEntity<Map<String, Object>>> answer : answers) {
				responses.add(answer.get(5, TimeUnit.MINUTES));
			}
			return responses;
		}
		finally {
			pool.shutdownNow();
		}
	}

}

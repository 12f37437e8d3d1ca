package org.incidentdesk.system;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.incidentdesk.IncidentDeskTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An asynchronous step with the model's retry cycle ({@code R3/PT5M}, as the SLA steps
 * have): a concurrent change (the engine's optimistic locking, or a conflict on the
 * project's tables) is tried again within seconds, with its retries kept; any other
 * failure waits for the cycle's five minutes, one retry less.
 */
@IncidentDeskTest
class ConcurrentChangeJobRetryTests {

	@Autowired
	RepositoryService repository;

	@Autowired
	RuntimeService runtime;

	@Autowired
	ManagementService management;

	String deployment;

	@BeforeEach
	void deployAStepThatFails() {
		BpmnModelInstance model = Bpmn.createExecutableProcess("RetryProbe")
			.camundaHistoryTimeToLive(1)
			.startEvent()
			.serviceTask("Step")
			.camundaAsyncBefore()
			.camundaFailedJobRetryTimeCycle("R3/PT5M")
			.camundaClass(Failing.class.getName())
			.endEvent()
			.done();
		this.deployment = this.repository.createDeployment()
			.name("retry-probe")
			.addModelInstance("retry-probe.bpmn", model)
			.deploy()
			.getId();
	}

	@AfterEach
	void undeploy() {
		this.repository.deleteDeployment(this.deployment, true);
	}

	/**
	 * The conflicts a step can meet: the engine's own, an incident row that another step
	 * updated first ({@code IncidentRepository.update}), a PostgreSQL deadlock, and a
	 * serialization failure that no Spring translation wrapped.
	 */
	static Stream<RuntimeException> conflicts() {
		return Stream.of(new OptimisticLockingException("changed by another transaction"),
				new OptimisticLockingFailureException(
						"Incident INC-1 was changed by a concurrent transaction after it was read (version 4)"),
				new PessimisticLockingFailureException("update incident",
						new SQLException("ERROR: deadlock detected", "40P01")),
				new IllegalStateException("wrapped",
						new SQLException("could not serialize access due to concurrent update", "40001")));
	}

	@ParameterizedTest
	@MethodSource("conflicts")
	void aConcurrentChangeIsTriedAgainWithinSecondsWithItsRetriesKept(RuntimeException conflict) {
		Job job = failedOnce(conflict);

		assertThat(job.getRetries()).isEqualTo(3);
		assertThat(Duration.between(Instant.now(), job.getDuedate().toInstant())).isPositive()
			.isLessThanOrEqualTo(Duration.ofMillis(ConcurrentChangeJobRetry.MAX_WAIT_MILLIS));
		assertThat(job.getExceptionMessage()).isEqualTo(conflict.getMessage());
	}

	@ParameterizedTest
	@MethodSource("conflicts")
	void aJobThatKeepsCollidingWaitsForTheModelsCycleAfterTheQuickRetries(RuntimeException conflict) {
		Failing.failure = conflict;
		String instance = this.runtime.startProcessInstanceByKey("RetryProbe").getId();
		for (int i = 1; i <= ConcurrentChangeJobRetry.QUICK_RETRIES; i++) {
			Job job = failAgain(instance);
			assertThat(Duration.between(Instant.now(), job.getDuedate().toInstant())).as("collision %d", i)
				.isLessThanOrEqualTo(Duration.ofMillis(ConcurrentChangeJobRetry.MAX_WAIT_MILLIS));
		}

		Job waiting = failAgain(instance);
		assertThat(waiting.getRetries()).isEqualTo(3);
		assertThat(Duration.between(Instant.now(), waiting.getDuedate().toInstant()))
			.isGreaterThan(Duration.ofMinutes(4));

		// and the count starts again
		assertThat(Duration.between(Instant.now(), failAgain(instance).getDuedate().toInstant()))
			.isLessThanOrEqualTo(Duration.ofMillis(ConcurrentChangeJobRetry.MAX_WAIT_MILLIS));
	}

	@Test
	void anyOtherFailureWaitsForTheModelsCycle() {
		Job job = failedOnce(new IllegalStateException("mail server gone"));

		assertThat(job.getRetries()).isEqualTo(2);
		assertThat(Duration.between(Instant.now(), job.getDuedate().toInstant())).isGreaterThan(Duration.ofMinutes(4));
	}

	private Job failAgain(String instance) {
		Job job = this.management.createJobQuery().processInstanceId(instance).singleResult();
		assertThatThrownBy(() -> this.management.executeJob(job.getId())).isNotNull();
		return this.management.createJobQuery().processInstanceId(instance).singleResult();
	}

	private Job failedOnce(RuntimeException failure) {
		Failing.failure = failure;
		String instance = this.runtime.startProcessInstanceByKey("RetryProbe").getId();
		Job job = this.management.createJobQuery().processInstanceId(instance).singleResult();
		assertThatThrownBy(() -> this.management.executeJob(job.getId())).isNotNull();
		return this.management.createJobQuery().processInstanceId(instance).singleResult();
	}

	/** The step: fails with what the test sets. */
	public static class Failing implements JavaDelegate {

		static volatile RuntimeException failure;

		@Override
		public void execute(DelegateExecution execution) {
			throw failure;
		}

	}

}

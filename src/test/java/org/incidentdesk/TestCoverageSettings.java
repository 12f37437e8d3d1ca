package org.incidentdesk;

import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Process coverage for the scenario tests: a class that imports this must cover every
 * flow node and sequence flow of the models it runs; the build fails otherwise. Reports
 * go to target/process-test-coverage.
 */
@TestConfiguration
public class TestCoverageSettings {

	/**
	 * Primary: the library's own default bean is also present, and it silently falls back
	 * to no check.
	 */
	@Bean
	@Primary
	ProcessEngineCoverageProperties processEngineCoverageProperties() {
		return ProcessEngineCoverageProperties.builder().assertClassCoverageAtLeast(1.0).build();
	}

}

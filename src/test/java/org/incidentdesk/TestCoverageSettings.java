package org.incidentdesk;

import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Process coverage: a test class that records coverage must cover every flow node and sequence
 * flow of the models it runs. Reports go to target/process-test-coverage.
 */
@TestConfiguration
class TestCoverageSettings {

	@Bean
	ProcessEngineCoverageProperties processEngineCoverageProperties() {
		return ProcessEngineCoverageProperties.builder().assertClassCoverageAtLeast(1.0).build();
	}

}

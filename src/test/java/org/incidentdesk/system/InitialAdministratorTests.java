package org.incidentdesk.system;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.incidentdesk.IncidentDeskApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The first administrator's password is held to the password policy like any other. */
class InitialAdministratorTests {

	@Test
	void aWeakConfiguredAdministratorPasswordStopsTheStart() {
		SpringApplicationBuilder application = new SpringApplicationBuilder(IncidentDeskApplication.class).properties(
				"spring.datasource.url=jdbc:h2:mem:weak-admin;DB_CLOSE_DELAY=-1", "server.port=0",
				"camunda.bpm.job-execution.enabled=false", "camunda.bpm.admin-user.id=boss",
				"camunda.bpm.admin-user.password=secret");

		assertThatThrownBy(application::run).rootCause()
			.hasMessageContaining("CAMUNDA_BPM_ADMIN_USER_PASSWORD")
			.hasMessageContaining("at least 10 characters")
			.hasMessageContaining("upper-case");
	}

	@Test
	void productionWithoutAConfiguredAdministratorStopsInsteadOfLoggingAPassword() {
		// Given the production profile (on an empty in-memory database) and no
		// administrator (command-line arguments, which win over the profile's own
		// settings)
		SpringApplicationBuilder application = new SpringApplicationBuilder(IncidentDeskApplication.class)
			.profiles("postgres");
		String[] arguments = { "--spring.datasource.url=jdbc:h2:mem:no-admin;DB_CLOSE_DELAY=-1",
				"--spring.datasource.username=sa", "--spring.datasource.password=", "--server.port=0",
				"--camunda.bpm.job-execution.enabled=false",
				"--incident-desk.audit.chain-key=a-chain-key-for-this-test-only-0123456789" };

		// Then it refuses to start and says what to set
		assertThatThrownBy(() -> application.run(arguments)).rootCause()
			.hasMessageContaining("There is no administrator yet")
			.hasMessageContaining("CAMUNDA_BPM_ADMIN_USER_PASSWORD");
	}

}
